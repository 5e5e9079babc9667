import { Type, type Static } from '@sinclair/typebox';
import type { EventEnvelope } from '@omnistream/kernel';

/** A stored event on the wire: wide integers as decimal strings, so no JSON reader loses precision. */
export const StoredEvent = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: Type.String(),
  streamId: Type.String(),
  version: Type.Integer(),
  data: Type.Unknown(),
  metadata: Type.Record(Type.String(), Type.Unknown()),
  globalPosition: Type.String({ description: 'insertion order, a decimal integer' }),
  transactionId: Type.String({ description: 'the writing transaction id (xid8), a decimal integer' }),
  recordedAt: Type.String({ format: 'date-time' }),
});

export const NewEventBody = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uuid', description: 're-sending a stored id is a no-op' })),
    type: Type.String({ minLength: 1, maxLength: 200 }),
    data: Type.Unknown(),
    metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

export const AppendBody = Type.Object(
  { events: Type.Array(NewEventBody, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);
export type AppendBody = Static<typeof AppendBody>;

export const StreamParams = Type.Object({ streamId: Type.String({ minLength: 1, maxLength: 200 }) });

export const toWire = (event: EventEnvelope): Static<typeof StoredEvent> => ({
  id: event.id,
  type: event.type,
  streamId: event.streamId,
  version: event.version,
  data: event.data,
  metadata: { ...event.metadata },
  globalPosition: String(event.globalPosition),
  transactionId: String(event.transactionId),
  recordedAt: event.recordedAt,
});
