import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ifMatchVersion } from '@omnistream/http';
import { DomainError } from '@omnistream/kernel';
import type { TopicRegistry } from './topic-registry.js';
import { TopicName, TopicSpecBody, TopicView } from './topic-spec.js';

export interface TopicRoutesOptions {
  readonly topics: TopicRegistry;
}

const Problem = Type.Ref('ProblemDetails');
const Params = Type.Object({ name: TopicName });

/** The topic registry over HTTP: `PUT`, `GET /hub/topics/{name}` and `GET /hub/topics`. */
export const topicRoutes: FastifyPluginAsyncTypebox<TopicRoutesOptions> = (app, { topics }) => {
  const tags = ['hub topics'];
  app.put(
    '/hub/topics/:name',
    {
      schema: {
        summary: 'Register a topic, or change it',
        description:
          'Creates the topic on the bus too. `If-Match: "n"` guards against lost updates ("0": it must be new). Partitions only grow.',
        tags,
        params: Params,
        body: TopicSpecBody,
        response: { 200: TopicView, 201: TopicView, 400: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const { topic, created } = await topics.put(
        request.params.name,
        request.body,
        ifMatchVersion(request.headers['if-match']),
      );
      return reply
        .code(created ? 201 : 200)
        .header('etag', `"${topic.version}"`)
        .send(topic);
    },
  );
  app.get(
    '/hub/topics/:name',
    { schema: { summary: 'One topic', tags, params: Params, response: { 200: TopicView, 404: Problem } } },
    async (request, reply) => {
      const topic = await topics.get(request.params.name);
      if (topic === undefined)
        throw new DomainError('TOPIC_NOT_FOUND', `no topic ${request.params.name} is registered`);
      return reply.header('etag', `"${topic.version}"`).send(topic);
    },
  );
  app.get(
    '/hub/topics',
    {
      schema: {
        summary: 'Every registered topic',
        tags,
        response: { 200: Type.Object({ topics: Type.Array(TopicView) }) },
      },
    },
    async () => ({ topics: await topics.list() }),
  );
  return Promise.resolve();
};
