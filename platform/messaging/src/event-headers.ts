import type { EventEnvelope } from '@omnistream/kernel';
import type { MessageHeaders } from './bus.js';

/**
 * Header names of a public event on the bus (DESIGN.md "Messaging"). A wire contract shared with every consumer,
 * on Kafka and in-process: never rename or repurpose one; add new headers instead.
 */
export const EVENT_HEADERS = Object.freeze({
  eventId: 'event-id',
  eventType: 'event-type',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  /** W3C Trace Context, as the event's metadata carried it. */
  traceparent: 'traceparent',
  contentType: 'content-type',
  /** The Confluent schema id, also in bytes 1-4 of the value; here so that routers need not parse the value. */
  schemaId: 'schema-id',
  /**
   * The event's version in its stream (the key): a consumer that must see an entity's events in order checks that
   * this is one more than the last it applied (DESIGN.md "The ordering pitfall").
   */
  streamVersion: 'stream-version',
});

/** The value is the Confluent wire format with a JSON Schema payload. */
export const EVENT_CONTENT_TYPE = 'application/json';

/** Headers of an event: optional ones only when the metadata has them (no empty strings on the wire). */
export const eventHeaders = (event: EventEnvelope, schemaId: number | undefined): MessageHeaders => {
  const headers: Record<string, string> = {
    [EVENT_HEADERS.eventId]: event.id,
    [EVENT_HEADERS.eventType]: event.type,
    [EVENT_HEADERS.streamVersion]: String(event.version),
  };
  const { correlationId, causationId, traceparent } = event.metadata;
  if (typeof correlationId === 'string') headers[EVENT_HEADERS.correlationId] = correlationId;
  if (typeof causationId === 'string') headers[EVENT_HEADERS.causationId] = causationId;
  if (typeof traceparent === 'string') headers[EVENT_HEADERS.traceparent] = traceparent;
  headers[EVENT_HEADERS.contentType] = EVENT_CONTENT_TYPE;
  if (schemaId !== undefined) headers[EVENT_HEADERS.schemaId] = String(schemaId);
  return headers;
};
