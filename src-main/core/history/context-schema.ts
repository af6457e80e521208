// The shape a saved host context must have to be written or imported: strict enough that the offline view and
// Compare can read every member they use, loose about what Graph sent inside (details, addresses) and about
// members a later Portolan may add.
import { z } from 'zod';

const str = z.string().nullable();
const stamp = z.object({ raw: z.string().nullable(), ms: z.number().nullable() });
const fetchedAt = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a valid date');
const nextLink = z.string().nullable();

const host = z.object({ id: str, odataType: str, firstSeen: stamp, lastSeen: stamp, details: z.record(z.string(), z.unknown()) });
const rule = z.object({ name: str, severity: str, description: str, relatedDetailsUrl: str });
const contact = z.object({ name: str, organization: str, email: str, telephone: str, fax: str, address: z.unknown() });
const whois = z.object({
  contacts: z.record(z.string(), contact),
  registration: stamp,
  expiration: stamp,
  lastUpdate: stamp,
  firstSeen: stamp,
  lastSeen: stamp,
  nameservers: z.array(z.string()),
  whoisServer: str,
  domainStatus: str,
  rawWhoisText: str,
});
const dnsRecord = z.object({ id: str, recordType: str, artifact: str, artifactType: str, parentHost: str, collected: stamp, firstSeen: stamp, lastSeen: stamp });

export const hostSectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('host'), fetchedAt, host }),
  z.object({ kind: z.literal('reputation'), fetchedAt, reputation: z.object({ classification: str, score: z.number().nullable(), rules: z.array(rule) }) }),
  z.object({ kind: z.literal('whois'), fetchedAt, whois }),
  z.object({ kind: z.literal('passiveDns'), fetchedAt, records: z.array(dnsRecord), nextLink }),
  z.object({ kind: z.literal('passiveDnsReverse'), fetchedAt, records: z.array(dnsRecord), nextLink }),
  z.object({ kind: z.literal('relatedHosts'), fetchedAt, hosts: z.array(host), nextLink }),
]);

const portEntry = z.object({ id: z.string(), port: z.number().nullable(), protocol: str, status: str, lastSeen: stamp });

export const contextSchema = z
  .object({
    portList: z.object({ host: z.string(), entries: z.array(portEntry) }).optional(),
    sections: z.record(z.string(), hostSectionSchema),
  })
  .superRefine((value, ctx) => {
    for (const [key, section] of Object.entries(value.sections)) {
      if (section.kind !== key) ctx.addIssue({ code: 'custom', path: ['sections', key], message: `holds a ${section.kind} section` });
    }
  });
