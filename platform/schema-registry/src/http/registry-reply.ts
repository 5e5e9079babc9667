import type { FastifyReply, FastifyRequest } from 'fastify';

/** What the registry answers in, as Confluent's server does. */
export const REGISTRY_CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** Request bodies Confluent clients send; plain application/json is Fastify's own parser. */
export const REGISTRY_REQUEST_TYPES = [
  'application/vnd.schemaregistry.v1+json',
  'application/vnd.schemaregistry+json',
];

/** Serialised here so numbers and arrays (`DELETE` answers) go out as JSON text too. */
export const answer = (reply: FastifyReply, body: unknown, status = 200): FastifyReply =>
  reply.code(status).type(REGISTRY_CONTENT_TYPE).send(JSON.stringify(body));

export const errorBody = (
  reply: FastifyReply,
  status: number,
  errorCode: number,
  message: string,
): FastifyReply => answer(reply, { error_code: errorCode, message }, status);

/** `?name=true`; Confluent's flags are booleans in the query string. */
export const flag = (request: FastifyRequest, name: string): boolean =>
  (request.query as Record<string, unknown> | undefined)?.[name] === 'true';

export interface SubjectParams {
  readonly subject: string;
}

export interface VersionParams extends SubjectParams {
  readonly version: string;
}
