// Requests of the bulk channels. Main validates each one; the lines are read again in main by the same
// reader the preview used (bulk-targets), so what runs is what was previewed.
import { z } from 'zod';
import { BULK_SORT_KEYS } from './bulk-views';
import { MAX_HOST_INPUT_LENGTH } from './host-port-input';

const jobId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const BulkStartRequest = z
  .object({
    name: z.string().trim().min(1).max(120),
    /** One entry per pasted line or CSV row (a CSV's host and port columns already joined); blank lines keep numbering. */
    lines: z.array(z.string().max(MAX_HOST_INPUT_LENGTH)).min(1).max(50_000),
  })
  .strict();
export const BulkJobRef = z.object({ jobId }).strict();
export const BulkResultsRequest = z
  .object({
    jobId,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(200),
    sort: z.enum(BULK_SORT_KEYS).default('line'),
    descending: z.boolean().default(false),
    /** Plain text matched against target, host, services, certificate subject and error. */
    filter: z.string().max(200).default(''),
    outcome: z.enum(['found', 'notFound', 'failed', 'pending']).optional(),
  })
  .strict();
export type BulkResultsRequest = z.input<typeof BulkResultsRequest>;
export const BulkExportRequest = z.object({ jobId, format: z.enum(['csv', 'json']) }).strict();
