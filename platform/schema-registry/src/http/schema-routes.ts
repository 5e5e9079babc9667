import type { FastifyInstance } from 'fastify';
import { parseVersion } from '../registry/parse-version.js';
import { SUPPORTED_SCHEMA_TYPES } from '../registry/parse-schema-input.js';
import type { SchemaRegistry } from '../registry/create-schema-registry.js';
import { schemaNotFound } from '../registry/registry-error.js';
import { answer, flag, type SubjectParams, type VersionParams } from './registry-reply.js';

const schemaId = (text: string): number => {
  const id = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(id >= 1 && id <= 2 ** 31 - 1)) throw schemaNotFound(`Schema ${text} not found`);
  return id;
};

/** `/schemas/...` by global id, the supported types, and the compatibility test endpoints. */
export const registerSchemaRoutes = (app: FastifyInstance, registry: SchemaRegistry): void => {
  app.get('/', async (_request, reply) => answer(reply, {}));

  app.get('/schemas/types', async (_request, reply) => answer(reply, SUPPORTED_SCHEMA_TYPES));

  app.get<{ Params: { id: string } }>('/schemas/ids/:id', async (request, reply) =>
    answer(reply, await registry.schema(schemaId(request.params.id))),
  );

  app.get<{ Params: { id: string } }>('/schemas/ids/:id/schema', async (request, reply) => {
    const { schema } = await registry.schema(schemaId(request.params.id));
    return reply.type('application/vnd.schemaregistry.v1+json').send(schema);
  });

  const compatible = (messages: readonly string[], verbose: boolean) =>
    messages.length === 0
      ? { is_compatible: true, ...(verbose ? { messages: [] } : {}) }
      : { is_compatible: false, messages };

  app.post<{ Params: VersionParams }>(
    '/compatibility/subjects/:subject/versions/:version',
    async (request, reply) => {
      const { subject, version } = request.params;
      const messages = await registry.compatibility(subject, parseVersion(version), request.body);
      return answer(reply, compatible(messages, flag(request, 'verbose')));
    },
  );

  app.post<{ Params: SubjectParams }>('/compatibility/subjects/:subject/versions', async (request, reply) => {
    const messages = await registry.compatibility(request.params.subject, 'all', request.body);
    return answer(reply, compatible(messages, flag(request, 'verbose')));
  });
};
