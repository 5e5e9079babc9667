import { Type, type Static } from '@sinclair/typebox';

/** Kafka's own rule for topic names, less the names "." and "..". */
export const TopicName = Type.String({ pattern: '^(?!\\.{1,2}$)[A-Za-z0-9._-]{1,249}$' });

export const SensitiveKind = Type.Union([
  Type.Literal('pii'),
  Type.Literal('pan'),
  Type.Literal('email'),
  Type.Literal('phone'),
]);

/** What a team registers: `PUT /hub/topics/{name}`. */
export const TopicSpecBody = Type.Object(
  {
    owner: Type.String({ minLength: 1, maxLength: 200, description: 'The owning team.' }),
    subject: Type.String({
      minLength: 1,
      maxLength: 255,
      description: 'Schema registry subject the values follow (registered beforehand).',
    }),
    partitions: Type.Integer({ minimum: 1, maximum: 1000 }),
    retentionMs: Type.Optional(Type.Union([Type.Integer({ minimum: 60_000 }), Type.Null()])),
    sensitiveFields: Type.Optional(
      Type.Record(Type.String({ pattern: '^\\$(\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\*\\])+$' }), SensitiveKind, {
        additionalProperties: false,
        description:
          'JSON paths of sensitive values, e.g. {"$.customer.email": "email"}; beside x-omnistream-sensitive in the schema.',
      }),
    ),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type TopicSpecBody = Static<typeof TopicSpecBody>;

export const TopicView = Type.Object({
  name: Type.String(),
  owner: Type.String(),
  subject: Type.String(),
  partitions: Type.Integer(),
  retentionMs: Type.Union([Type.Integer(), Type.Null()]),
  sensitiveFields: Type.Record(Type.String(), SensitiveKind),
  description: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type TopicView = Static<typeof TopicView>;
