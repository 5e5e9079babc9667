import type { FastifyInstance } from 'fastify';
import { parseVersion } from '../registry/parse-version.js';
import type { SchemaRegistry } from '../registry/create-schema-registry.js';
import type { SubjectVersion } from '../registry/subject-versions.js';
import { answer, flag, type SubjectParams, type VersionParams } from './registry-reply.js';

const shown = ({ subject, id, version, schema, schemaType }: SubjectVersion) => ({
  subject,
  id,
  version,
  schema,
  schemaType,
});

/** `/subjects/...`: list, read, register, look up and delete versions. */
export const registerSubjectRoutes = (app: FastifyInstance, registry: SchemaRegistry): void => {
  app.get('/subjects', async (request, reply) =>
    answer(reply, await registry.subjects({ deleted: flag(request, 'deleted') })),
  );

  app.get<{ Params: SubjectParams }>('/subjects/:subject/versions', async (request, reply) =>
    answer(reply, await registry.versions(request.params.subject, { deleted: flag(request, 'deleted') })),
  );

  app.get<{ Params: VersionParams }>('/subjects/:subject/versions/:version', async (request, reply) => {
    const { subject, version } = request.params;
    return answer(
      reply,
      shown(await registry.version(subject, parseVersion(version), { deleted: flag(request, 'deleted') })),
    );
  });

  app.get<{ Params: VersionParams }>(
    '/subjects/:subject/versions/:version/schema',
    async (request, reply) => {
      const { subject, version } = request.params;
      const found = await registry.version(subject, parseVersion(version), {
        deleted: flag(request, 'deleted'),
      });
      return reply.type('application/vnd.schemaregistry.v1+json').send(found.schema);
    },
  );

  app.post<{ Params: SubjectParams }>('/subjects/:subject/versions', async (request, reply) => {
    const { id } = await registry.register(request.params.subject, request.body);
    return answer(reply, { id });
  });

  app.post<{ Params: SubjectParams }>('/subjects/:subject', async (request, reply) =>
    answer(
      reply,
      shown(
        await registry.lookup(request.params.subject, request.body, { deleted: flag(request, 'deleted') }),
      ),
    ),
  );

  app.delete<{ Params: SubjectParams }>('/subjects/:subject', async (request, reply) =>
    answer(
      reply,
      await registry.deleteSubject(request.params.subject, { permanent: flag(request, 'permanent') }),
    ),
  );

  app.delete<{ Params: VersionParams }>('/subjects/:subject/versions/:version', async (request, reply) => {
    const { subject, version } = request.params;
    return answer(
      reply,
      await registry.deleteVersion(subject, parseVersion(version), { permanent: flag(request, 'permanent') }),
    );
  });
};
