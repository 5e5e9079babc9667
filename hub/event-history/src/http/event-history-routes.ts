import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError } from '@omnistream/kernel';
import type { EventHistory } from '../create-event-history.js';
import { parseFieldFilter } from '../field-filter.js';
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from '../search-events.js';
import { EventWire, EventWithHopsWire, eventToWire, eventWithHopsToWire } from './event-history-schemas.js';

export interface EventHistoryRoutesOptions {
  readonly history: EventHistory;
}

const Problem = Type.Ref('ProblemDetails');
const Text = (description: string) =>
  Type.Optional(Type.String({ minLength: 1, maxLength: 500, description }));

const SearchQuery = Type.Object(
  {
    topic: Text('exact topic name'),
    key: Text('exact message key'),
    type: Text('exact event type'),
    from: Text('events at or after this ISO 8601 time (with a zone) or date'),
    to: Text('events before this ISO 8601 time (with a zone) or date'),
    correlationId: Text('exact correlation id'),
    field: Type.Optional(
      Type.Array(Type.String({ minLength: 3, maxLength: 1000 }), {
        maxItems: 20,
        description:
          'payload field equals a value, as path.to.field=value (repeatable, all must hold); the value is JSON ' +
          'when it parses (42, true, null, "42") and text otherwise',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_SEARCH_LIMIT, default: DEFAULT_SEARCH_LIMIT }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 2000, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

/**
 * The event history over HTTP: search, one event with its hops, and a journey. Register on an app made by
 * createHttpApp (it refers to the ProblemDetails schema), under any prefix. Payloads are returned as indexed,
 * already tokenized; requests are logged with their URL only.
 */
export const eventHistoryRoutes: FastifyPluginAsyncTypebox<EventHistoryRoutesOptions> = (
  app,
  { history },
) => {
  const tags = ['hub event history'];

  app.get(
    '/hub/events',
    {
      schema: {
        summary: 'Search events',
        description:
          'Newest first. Pass `nextCursor` back as `cursor` with the same filters for the next page.',
        tags,
        querystring: SearchQuery,
        response: {
          200: Type.Object({ events: Type.Array(EventWire), nextCursor: Type.Optional(Type.String()) }),
          400: Problem,
        },
      },
    },
    async (request) => {
      const { field, ...filters } = request.query;
      const page = await history.search({ ...filters, fields: field?.map(parseFieldFilter) });
      return {
        events: page.events.map(eventToWire),
        ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
      };
    },
  );

  app.get(
    '/hub/events/:id',
    {
      schema: {
        summary: 'One event with its hops',
        tags,
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 1000 }) }),
        response: { 200: EventWithHopsWire, 404: Problem },
      },
    },
    async (request) => {
      const event = await history.get(request.params.id);
      if (event === undefined)
        throw new DomainError('HUB_EVENT_NOT_FOUND', `no event ${request.params.id} is in the event history`);
      return eventWithHopsToWire(event);
    },
  );

  app.get(
    '/hub/journeys/:correlationId',
    {
      schema: {
        summary: 'The journey of a correlation id',
        description:
          'Every event with the correlation id, each after the event that caused it and otherwise by time, with ' +
          'its hops (published, delivered, retried, dead-lettered) oldest first.',
        tags,
        params: Type.Object({ correlationId: Type.String({ minLength: 1, maxLength: 500 }) }),
        response: {
          200: Type.Object({
            correlationId: Type.String(),
            events: Type.Array(EventWithHopsWire),
            truncated: Type.Boolean({ description: 'more events share the id than a journey returns' }),
          }),
          404: Problem,
        },
      },
    },
    async (request) => {
      const journey = await history.journey(request.params.correlationId);
      if (journey.events.length === 0)
        throw new DomainError(
          'JOURNEY_NOT_FOUND',
          `no event with correlation id ${request.params.correlationId} is in the event history`,
        );
      return {
        correlationId: journey.correlationId,
        events: journey.events.map(eventWithHopsToWire),
        truncated: journey.truncated,
      };
    },
  );
  return Promise.resolve();
};
