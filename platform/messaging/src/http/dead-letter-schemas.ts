import { Type, type Static } from '@sinclair/typebox';
import type { DeadLetter, DeadLetterAuditEntry } from '../dead-letters/dead-letter.js';
import { DEAD_LETTER_STATUSES } from '../dead-letters/dead-letter.js';

export const DeadLetterStatusSchema = Type.Union(DEAD_LETTER_STATUSES.map((status) => Type.Literal(status)));

export const DeadLetterWire = Type.Object({
  id: Type.String(),
  group: Type.String(),
  messageId: Type.String(),
  status: DeadLetterStatusSchema,
  topic: Type.String(),
  partition: Type.Integer({ description: '-1 for an event the outbox relay could not encode' }),
  offset: Type.String(),
  key: Type.Union([Type.String(), Type.Null()], { description: 'null: a keyless message (Kafka null key)' }),
  headers: Type.Record(Type.String(), Type.String()),
  value: Type.String({ description: 'the message value, base64' }),
  timestamp: Type.String({ format: 'date-time' }),
  error: Type.Optional(Type.Object({ message: Type.String(), stack: Type.Optional(Type.String()) })),
  attempts: Type.Integer(),
  firstFailedAt: Type.Optional(Type.String({ format: 'date-time' })),
  lastFailedAt: Type.Optional(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  resolvedAt: Type.Optional(Type.String({ format: 'date-time' })),
});

export const AuditEntryWire = Type.Object({
  action: Type.String(),
  actor: Type.String(),
  reason: Type.Optional(Type.String()),
  at: Type.String({ format: 'date-time' }),
});

export const DeadLetterParams = Type.Object({ id: Type.String({ maxLength: 20 }) });

export const ActionBody = Type.Object(
  {
    actor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'who acts, when the request is not authenticated',
      }),
    ),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const iso = (date: Date | undefined) => (date === undefined ? {} : { iso: date.toISOString() });

/** A dead letter as the API shows it; stacks only where one dead letter is inspected. */
export const toWire = (letter: DeadLetter, withStack: boolean): Static<typeof DeadLetterWire> => {
  const first = iso(letter.firstFailedAt).iso;
  const last = iso(letter.lastFailedAt).iso;
  const resolved = iso(letter.resolvedAt).iso;
  return {
    id: letter.id,
    group: letter.group,
    messageId: letter.messageId,
    status: letter.status,
    topic: letter.message.topic,
    partition: letter.message.partition,
    offset: letter.message.offset,
    key: letter.message.key,
    headers: { ...letter.message.headers },
    value: Buffer.from(letter.message.value).toString('base64'),
    timestamp: letter.message.timestamp.toISOString(),
    ...(letter.error === undefined
      ? {}
      : {
          error: {
            message: letter.error.message,
            ...(withStack && letter.error.stack !== undefined ? { stack: letter.error.stack } : {}),
          },
        }),
    attempts: letter.attempts,
    ...(first === undefined ? {} : { firstFailedAt: first }),
    ...(last === undefined ? {} : { lastFailedAt: last }),
    createdAt: letter.createdAt.toISOString(),
    ...(resolved === undefined ? {} : { resolvedAt: resolved }),
  };
};

export const auditToWire = (entry: DeadLetterAuditEntry): Static<typeof AuditEntryWire> => ({
  action: entry.action,
  actor: entry.actor,
  ...(entry.reason === undefined ? {} : { reason: entry.reason }),
  at: entry.at.toISOString(),
});
