import type { RecordedHop } from './event-hop.js';

/** One indexed event. Nullable fields are null when the message did not carry them. */
export interface HistoryEvent {
  readonly id: string;
  readonly topic: string;
  readonly partition: number | null;
  /** Decimal string (Kafka offsets are int64). */
  readonly offset: string | null;
  readonly key: string | null;
  readonly type: string | null;
  readonly occurredAt: Date;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** The value's JSON (already tokenized by the hub where the topic says so); null when it was not JSON. */
  readonly payload: unknown;
  readonly payloadSize: number;
  readonly schemaId: number | null;
  readonly indexedAt: Date;
}

export interface HistoryEventWithHops extends HistoryEvent {
  /** Oldest first. */
  readonly hops: readonly RecordedHop[];
}

export interface EventRow {
  readonly id: string;
  readonly topic: string;
  readonly partition: number | null;
  readonly offset: string | null;
  readonly key: string | null;
  readonly type: string | null;
  readonly occurred_ms: string;
  readonly correlation_id: string | null;
  readonly causation_id: string | null;
  readonly headers: string;
  readonly payload: string | null;
  readonly payload_size: number;
  readonly schema_id: number | null;
  readonly indexed_ms: string;
  /** The exact occurred_at, for cursors. */
  readonly occurred_at_text: string;
}

// Times and json as text: the two drivers map timestamptz, bigint and jsonb differently.
export const EVENT_COLUMNS = `e.id, e.topic, e.partition, e."offset"::text as "offset", e.key, e.type,
  (extract(epoch from e.occurred_at) * 1000)::bigint::text as occurred_ms, e.correlation_id, e.causation_id,
  e.headers::text as headers, e.payload::text as payload, e.payload_size, e.schema_id,
  (extract(epoch from e.indexed_at) * 1000)::bigint::text as indexed_ms,
  to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at_text`;

export const toHistoryEvent = (row: EventRow): HistoryEvent => ({
  id: row.id,
  topic: row.topic,
  partition: row.partition === null ? null : Number(row.partition),
  offset: row.offset,
  key: row.key,
  type: row.type,
  occurredAt: new Date(Number(row.occurred_ms)),
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  headers: JSON.parse(row.headers) as Record<string, string>,
  payload: row.payload === null ? null : (JSON.parse(row.payload) as unknown),
  payloadSize: Number(row.payload_size),
  schemaId: row.schema_id === null ? null : Number(row.schema_id),
  indexedAt: new Date(Number(row.indexed_ms)),
});
