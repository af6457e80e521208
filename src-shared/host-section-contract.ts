// The request of the 'host:section' channel: which host endpoint to read, for which host or certificate, and
// (for the paged lists) the next-page link Graph gave last time. Main checks the link's origin again.
import { z } from 'zod';
import { parseHostInput } from './host-port-input';

const hostText = z
  .string()
  .max(300)
  .superRefine((value, ctx) => {
    const read = parseHostInput(value);
    if (!read.ok) ctx.addIssue({ code: 'custom', message: read.error });
  });
const nextLink = z.string().max(4096).url().optional();

export const HostSectionRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('host'), host: hostText }).strict(),
  z.object({ kind: z.literal('reputation'), host: hostText }).strict(),
  z.object({ kind: z.literal('whois'), host: hostText }).strict(),
  z.object({ kind: z.literal('passiveDns'), host: hostText, nextLink }).strict(),
  z.object({ kind: z.literal('passiveDnsReverse'), host: hostText, nextLink }).strict(),
  z.object({ kind: z.literal('relatedHosts'), certificateId: z.string().min(1).max(1024), nextLink }).strict(),
]);
export type HostSectionRequest = z.output<typeof HostSectionRequest>;
