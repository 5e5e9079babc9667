import type { FastifyInstance } from 'fastify';
import type { SchemaRegistry } from '../registry/create-schema-registry.js';
import { answer, flag, type SubjectParams } from './registry-reply.js';

const compatibilityOf = (body: unknown): unknown =>
  body !== null && typeof body === 'object' ? (body as { compatibility?: unknown }).compatibility : undefined;

/**
 * `/config`: reads answer `{compatibilityLevel}`, writes echo `{compatibility}` (Confluent's asymmetry). A subject
 * without its own level is 404/40408 unless `?defaultToGlobal=true`: clients read that 404 as "first registration".
 */
export const registerConfigRoutes = (app: FastifyInstance, registry: SchemaRegistry): void => {
  app.get('/config', async (_request, reply) =>
    answer(reply, { compatibilityLevel: await registry.globalLevel() }),
  );

  app.put('/config', async (request, reply) =>
    answer(reply, { compatibility: await registry.setGlobalLevel(compatibilityOf(request.body)) }),
  );

  app.get<{ Params: SubjectParams }>('/config/:subject', async (request, reply) =>
    answer(reply, {
      compatibilityLevel: await registry.subjectLevel(request.params.subject, {
        defaultToGlobal: flag(request, 'defaultToGlobal'),
      }),
    }),
  );

  app.put<{ Params: SubjectParams }>('/config/:subject', async (request, reply) =>
    answer(reply, {
      compatibility: await registry.setSubjectLevel(request.params.subject, compatibilityOf(request.body)),
    }),
  );

  app.delete<{ Params: SubjectParams }>('/config/:subject', async (request, reply) =>
    answer(reply, { compatibilityLevel: await registry.deleteSubjectLevel(request.params.subject) }),
  );
};
