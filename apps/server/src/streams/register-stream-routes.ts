import { Type } from '@sinclair/typebox';
import { DomainError } from '@omnistream/kernel';
import type { EventStore } from '@omnistream/event-store';
import type { HttpApp } from '@omnistream/http';
import { expectedVersionFromHeaders } from './expected-version-header.js';
import { decodeFeedCursor, encodeFeedCursor } from './feed-cursor.js';
import { AppendBody, StoredEvent, StreamParams, toWire } from './stream-schemas.js';

const Problem = Type.Ref('ProblemDetails');

/**
 * The event store over HTTP, for integration and operations: append with If-Match and Idempotency-Key, read a
 * stream, and page through the global feed. Modules expose their own command APIs; this is the raw store.
 */
export const registerStreamRoutes = (app: HttpApp, store: EventStore): void => {
  app.post(
    '/streams/:streamId',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Append events to a stream',
        description:
          'If-Match: "n" appends only at version n, If-Match: * only to an existing stream, If-None-Match: * only to a new one. ' +
          'Events whose ids are already stored are not written again.',
        tags: ['event store'],
        params: StreamParams,
        headers: Type.Object({
          'if-match': Type.Optional(Type.String()),
          'if-none-match': Type.Optional(Type.String()),
          'idempotency-key': Type.Optional(Type.String()),
        }),
        body: AppendBody,
        response: {
          201: Type.Object({
            streamId: Type.String(),
            nextExpectedVersion: Type.Integer(),
            events: Type.Array(StoredEvent),
          }),
          200: Type.Object({
            streamId: Type.String(),
            nextExpectedVersion: Type.Integer(),
            events: Type.Array(StoredEvent),
          }),
          400: Problem,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (request, reply) => {
      const expectedVersion = expectedVersionFromHeaders(
        request.headers['if-match'],
        request.headers['if-none-match'],
      );
      const events = request.body.events.map((event) => ({
        ...event,
        metadata: { correlationId: request.id, ...event.metadata },
      }));
      const result = await store.append(request.params.streamId, events, { expectedVersion });
      void reply.header('etag', `"${result.nextExpectedVersion}"`).code(result.duplicate ? 200 : 201);
      return {
        streamId: result.streamId,
        nextExpectedVersion: result.nextExpectedVersion,
        events: result.events.map(toWire),
      };
    },
  );

  app.get(
    '/streams/:streamId',
    {
      schema: {
        summary: 'Read a stream',
        tags: ['event store'],
        params: StreamParams,
        querystring: Type.Object({
          from: Type.Optional(Type.Integer({ minimum: 0 })),
          direction: Type.Optional(Type.Union([Type.Literal('forwards'), Type.Literal('backwards')])),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        }),
        response: {
          200: Type.Object({
            streamId: Type.String(),
            version: Type.Integer(),
            events: Type.Array(StoredEvent),
          }),
          400: Problem,
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const { streamId } = request.params;
      const version = await store.streamVersion(streamId);
      if (version === 0) throw new DomainError('STREAM_NOT_FOUND', `stream ${streamId} has no events`);
      const { from, direction = 'forwards', limit = 100 } = request.query;
      const events = await store.readStream(streamId, {
        ...(from === undefined ? {} : { from }),
        direction,
        maxCount: limit,
      });
      void reply.header('etag', `"${version}"`);
      return { streamId, version, events: events.map(toWire) };
    },
  );

  app.get(
    '/feed',
    {
      schema: {
        summary: 'Page through the global feed',
        description:
          'Committed events in (transaction id, position) order. Pass `next` back as `after` for the next page.',
        tags: ['event store'],
        querystring: Type.Object({
          after: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        }),
        response: {
          200: Type.Object({ events: Type.Array(StoredEvent), next: Type.String() }),
          400: Problem,
        },
      },
    },
    async (request) => {
      const page = await store.readFeed(decodeFeedCursor(request.query.after), {
        limit: request.query.limit ?? 100,
      });
      return { events: page.events.map(toWire), next: encodeFeedCursor(page.position) };
    },
  );
};
