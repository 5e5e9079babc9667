import type { EventEnvelope } from '@omnistream/kernel';

/** Where a public event goes: its topic (`<context>.<stream-category>`) and its schema subject. */
export interface PublicEventRoute {
  readonly topic: string;
  /** `<topic>-<event type>` (Confluent's TopicRecordNameStrategy). */
  readonly subject: string;
}

export interface EncodedEvent extends PublicEventRoute {
  readonly schemaId: number;
  /** Confluent wire format: 0x00, the schema id as a big-endian int32, then the JSON text of `data`. */
  readonly value: Uint8Array;
}

/**
 * What the outbox relay needs to know of public contracts (implemented over the schema registry and contracts/).
 * Private events have no route and are never published.
 */
export interface PublicEventCodec {
  /** `metadata.schemaVersion` picks the contract version (absent: 1); a route may depend on the data too. */
  route(event: Pick<EventEnvelope, 'streamId' | 'type' | 'metadata' | 'data'>): PublicEventRoute | undefined;
  /**
   * Validates `data` against the registered schema and encodes it. Throws DomainError 'SCHEMA_VALIDATION_FAILED'
   * (message names the JSON path of the problem) or 'SCHEMA_NOT_REGISTERED'.
   */
  encode(event: EventEnvelope): Promise<EncodedEvent>;
}
