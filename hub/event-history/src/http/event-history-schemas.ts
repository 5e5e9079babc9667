import { Type, type Static } from '@sinclair/typebox';
import type { RecordedHop } from '../event-hop.js';
import { HOP_OUTCOMES, HOPS } from '../event-hop.js';
import type { HistoryEvent, HistoryEventWithHops } from '../history-event.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const HopWire = Type.Object({
  hop: Type.Union(HOPS.map((hop) => Type.Literal(hop))),
  component: Type.String(),
  outcome: Type.Union(HOP_OUTCOMES.map((outcome) => Type.Literal(outcome))),
  attempt: Type.Union([Type.Integer(), Type.Null()]),
  error: Nullable(Type.String()),
  at: Type.String({ format: 'date-time' }),
});

export const EventWire = Type.Object({
  id: Type.String(),
  topic: Type.String(),
  partition: Type.Union([Type.Integer(), Type.Null()]),
  offset: Nullable(Type.String({ description: 'decimal string (int64)' })),
  key: Nullable(Type.String()),
  type: Nullable(Type.String()),
  occurredAt: Type.String({ format: 'date-time' }),
  correlationId: Nullable(Type.String()),
  causationId: Nullable(Type.String()),
  headers: Type.Record(Type.String(), Type.String()),
  payload: Type.Unknown({
    description: 'the JSON value (tokenized where the topic says so); null if not JSON',
  }),
  payloadSize: Type.Integer({ description: 'bytes' }),
  schemaId: Type.Union([Type.Integer(), Type.Null()]),
  indexedAt: Type.String({ format: 'date-time' }),
});

export const EventWithHopsWire = Type.Composite([EventWire, Type.Object({ hops: Type.Array(HopWire) })]);

export const hopToWire = (hop: RecordedHop): Static<typeof HopWire> => ({ ...hop, at: hop.at.toISOString() });

export const eventToWire = (event: HistoryEvent): Static<typeof EventWire> => ({
  id: event.id,
  topic: event.topic,
  partition: event.partition,
  offset: event.offset,
  key: event.key,
  type: event.type,
  occurredAt: event.occurredAt.toISOString(),
  correlationId: event.correlationId,
  causationId: event.causationId,
  headers: { ...event.headers },
  payload: event.payload,
  payloadSize: event.payloadSize,
  schemaId: event.schemaId,
  indexedAt: event.indexedAt.toISOString(),
});

export const eventWithHopsToWire = (event: HistoryEventWithHops): Static<typeof EventWithHopsWire> => ({
  ...eventToWire(event),
  hops: event.hops.map(hopToWire),
});
