import type { EventEnvelope, EventMetadata } from '@omnistream/kernel';

/**
 * Columns a stream read selects, in the types both drivers agree on. The stream id is left out: the reader knows
 * it, and decoding it on every row costs about 8% of a read on PGlite.
 */
export const STREAM_EVENT_COLUMNS = `e.transaction_id::text as xid, e.global_position::text as pos, e.event_id::text as id,
  e.version::int as version, e.type, e.data, e.metadata, e.recorded_at`;

/** Columns a feed read selects. */
export const EVENT_COLUMNS = `${STREAM_EVENT_COLUMNS}, e.stream_id`;

export interface StreamEventRow {
  readonly xid: string;
  readonly pos: string;
  readonly id: string;
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recorded_at: Date | string;
}

export interface EventRow extends StreamEventRow {
  readonly stream_id: string;
}

export const toIso = (value: Date | string): string =>
  (value instanceof Date ? value : new Date(value)).toISOString();

export const toEnvelope = (row: StreamEventRow, streamId: string): EventEnvelope => ({
  id: row.id,
  type: row.type,
  streamId,
  version: row.version,
  data: row.data,
  metadata: row.metadata,
  globalPosition: BigInt(row.pos),
  transactionId: BigInt(row.xid),
  recordedAt: toIso(row.recorded_at),
});
