import type { EventEnvelope, EventMetadata } from '@omnistream/kernel';

/**
 * Columns a stream read selects, in this order; rows come back as arrays (no key objects per row). No casts:
 * casting in SQL costs a fifth of a feed read on PGlite, so the two drivers' types are reconciled here instead
 * (int8 is a string from `postgres`, a number from PGlite; xid8 and uuid are strings from both). The stream id
 * is left out: the reader knows it, and decoding it on every row costs about 8% of a read on PGlite.
 */
export const STREAM_EVENT_COLUMNS = `e.transaction_id, e.global_position, e.event_id, e.version, e.type, e.data,
  e.metadata, e.recorded_at`;

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
  version: Number(row[3]),
  data: row[5],
  metadata: row[6] as EventMetadata,
  globalPosition: BigInt(row[1] as string | number),
  transactionId: BigInt(row[0] as string),
  recordedAt: toIso(row[7] as Date | string),
});
