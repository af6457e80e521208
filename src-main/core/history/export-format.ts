// The JSON export file: lossless (every snapshot in full, raw response included) and versioned, so a later build
// can read it and an older build can refuse it clearly.
import { z } from 'zod';
import { SAVED_HOST_PORT_ID_MAX } from '../../../src-shared/limits';
import type { SnapshotView } from '../../../src-shared/views';
import { contextSchema } from './context-schema';
import { SNAPSHOT_ID } from './layout';

export const EXPORT_FORMAT = 'portolan-history';
export const EXPORT_VERSION = 1;
/** The NDJSON export: its first line is {format, version: 2, exportedAt}, then one record per line. */
export const NDJSON_VERSION = 2;

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  hostPorts: { meta: { hostPortId: string; note: string; tags: string[]; pinned: boolean }; snapshots: SnapshotView[] }[];
}

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a valid date');
const stamp = z.object({ raw: z.string().nullable(), ms: z.number().nullable() });
const str = z.string().nullable();

const banner = z.object({ banner: z.string(), scanProtocol: str, firstSeen: stamp, lastSeen: stamp, timesObserved: z.number().nullable() });
const component = z.object({ id: str, name: str, version: str, category: str, firstSeen: stamp, lastSeen: stamp });
const service = z.object({ firstSeen: stamp, lastSeen: stamp, isRecent: z.boolean().nullable(), component: component.nullable() });
const entity = z.object({ commonName: str, alternateNames: z.array(z.string()) }).nullable();
const certificate = z
  .object({ id: str, sha1: str, fingerprint: str, serialNumber: str, issuer: entity, subject: entity, referenceOnly: z.boolean() })
  .nullable();

export const hostPortViewSchema = z.object({
  id: z.string().min(1),
  port: z.number().nullable(),
  protocol: str,
  status: str,
  firstSeen: stamp,
  lastSeen: stamp,
  lastScan: stamp,
  timesObserved: z.number().nullable(),
  banners: z.array(banner),
  services: z.array(service),
  certificate,
  host: z.object({ id: str }).nullable(),
  extra: z.record(z.string(), z.unknown()),
  warnings: z.array(z.string()),
});

export const snapshotSchema = z.object({
  id: z.string().regex(SNAPSHOT_ID, 'not a valid snapshot id'),
  hostPortId: z.string().min(1).max(SAVED_HOST_PORT_ID_MAX),
  host: str,
  port: z.number().int().nullable(),
  savedAt: isoDate,
  cloud: z.enum(['global', 'usGovL4', 'usGovL5', 'china', 'custom']),
  tenant: str,
  account: str,
  source: z.enum(['graph', 'demo', 'token']),
  request: z.object({
    url: z.string(),
    select: z.array(z.string()),
    expand: z.array(z.string()),
    resolvedFrom: z.object({ host: z.string(), port: z.number() }).nullable(),
  }),
  raw: z.string(),
  hostPort: hostPortViewSchema,
  context: contextSchema.optional(),
});

export const metaSchema = z.object({
  hostPortId: z.string().min(1).max(SAVED_HOST_PORT_ID_MAX),
  note: z.string().max(20000),
  tags: z.array(z.string().max(80)).max(50),
  pinned: z.boolean(),
});

/** Validates but does not transform: the caller keeps the original objects so nothing unmodelled is stripped. */
export const exportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string(),
  hostPorts: z.array(
    z.object({
      meta: metaSchema,
      snapshots: z.array(snapshotSchema),
    }),
  ),
});
