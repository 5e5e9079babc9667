import type { EventEnvelope, EventMetadata } from '@omnistream/kernel';

/**
 * Columns a stream read selects, in this order, in the types both drivers agree on; rows come back as arrays
 * (no key objects per row). The stream id is left out: the reader knows it, and decoding it on every row costs
 * about 8% of a read on PGlite.
 */
export const STREAM_EVENT_COLUMNS = `e.transaction_id::text, e.global_position::text, e.event_id::text,
  e.version::int, e.type, e.data, e.metadata, e.recorded_at`;

/** Columns a feed read selects: the stream's, then the stream id (index 8). */
export const EVENT_COLUMNS = `${STREAM_EVENT_COLUMNS}, e.stream_id`;
export const STREAM_ID_COLUMN = 8;

export const toIso = (value: Date | string): string =>
  (value instanceof Date ? value : new Date(value)).toISOString();

/** An envelope from a row selected with STREAM_EVENT_COLUMNS (or EVENT_COLUMNS). */
export const toEnvelope = (row: readonly unknown[], streamId: string): EventEnvelope => ({
  id: row[2] as string,
  type: row[4] as string,
  streamId,
  version: row[3] as number,
  data: row[5],
  metadata: row[6] as EventMetadata,
  globalPosition: BigInt(row[1] as string),
  transactionId: BigInt(row[0] as string),
  recordedAt: toIso(row[7] as Date | string),
});
