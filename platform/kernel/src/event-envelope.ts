/** Metadata every stored event carries (DESIGN.md "Event store semantics"). */
export interface EventMetadata {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly occurredAt?: string;
  readonly traceparent?: string;
  readonly schemaId?: number;
  /** Version of this event type's data shape; upcasters raise old versions on read. Absent means 1. */
  readonly schemaVersion?: number;
  readonly market?: string;
  readonly channel?: string;
  readonly actor?: string;
  readonly [key: string]: unknown;
}

/** What a writer hands to the store. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  /** UUIDv7; generated when absent. Re-appending a stored id is a no-op. */
  readonly id?: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata?: EventMetadata;
}

/** What the store hands back: a committed event with its coordinates. */
export interface EventEnvelope<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly streamId: string;
  /** 1 for the first event of a stream. */
  readonly version: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
  /** Insertion order; unique, but not commit order. */
  readonly globalPosition: bigint;
  /** The writing transaction's id (`pg_current_xact_id()`); the feed is ordered by (transactionId, globalPosition). */
  readonly transactionId: bigint;
  readonly recordedAt: string;
}
