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
/** The saved snapshot this detail shows: main keeps what it fetched with that snapshot. */
const snapshotId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/).optional();

export const HostSectionRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('host'), host: hostText, snapshotId }).strict(),
  z.object({ kind: z.literal('reputation'), host: hostText, snapshotId }).strict(),
  z.object({ kind: z.literal('whois'), host: hostText, snapshotId }).strict(),
  z.object({ kind: z.literal('passiveDns'), host: hostText, nextLink, snapshotId }).strict(),
  z.object({ kind: z.literal('passiveDnsReverse'), host: hostText, nextLink, snapshotId }).strict(),
  z.object({ kind: z.literal('relatedHosts'), certificateId: z.string().min(1).max(1024), nextLink, snapshotId }).strict(),
]);
export type HostSectionRequest = z.output<typeof HostSectionRequest>;
