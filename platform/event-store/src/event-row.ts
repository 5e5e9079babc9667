import type { EventEnvelope, EventMetadata } from '@omnistream/kernel';

/** Columns every read selects, in the types both drivers agree on. */
export const EVENT_COLUMNS = `e.transaction_id::text as xid, e.global_position::text as pos, e.event_id::text as id,
  e.stream_id, e.version::int as version, e.type, e.data, e.metadata, e.recorded_at`;

export interface EventRow {
  readonly xid: string;
  readonly pos: string;
  readonly id: string;
  readonly stream_id: string;
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recorded_at: Date | string;
}

export const toIso = (value: Date | string): string =>
  (value instanceof Date ? value : new Date(value)).toISOString();

export const toEnvelope = (row: EventRow): EventEnvelope => ({
  id: row.id,
  type: row.type,
  streamId: row.stream_id,
  version: row.version,
  data: row.data,
  metadata: row.metadata,
  globalPosition: BigInt(row.pos),
  transactionId: BigInt(row.xid),
  recordedAt: toIso(row.recorded_at),
});
