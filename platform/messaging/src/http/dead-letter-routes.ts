import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Database } from '@omnistream/event-store';
import type {} from '@omnistream/http'; // brings the request.principal declaration into scope
import { discardDeadLetter, redriveDeadLetter } from '../dead-letters/dead-letter-actions.js';
import { listDeadLetters, showDeadLetter } from '../dead-letters/dead-letter-queries.js';
import {
  ActionBody,
  AuditEntryWire,
  auditToWire,
  DeadLetterParams,
  DeadLetterStatusSchema,
  DeadLetterWire,
  toWire,
} from './dead-letter-schemas.js';

export interface DeadLetterRoutesOptions {
  readonly db: Database;
}

const Problem = Type.Ref('ProblemDetails');
/** Names the operator when the request is not authenticated (an authenticated principal always wins). */
export const ACTOR_HEADER = 'x-omnistream-actor';

const actorOf = (request: FastifyRequest, body: { actor?: string } | undefined): string => {
  const header = request.headers[ACTOR_HEADER];
  return request.principal ?? body?.actor ?? (typeof header === 'string' ? header : '');
};

/**
 * Dead letters over HTTP (DESIGN.md "Messaging": inspected, redriven, audited): list with filters and a cursor,
 * inspect one with what waits behind it and its audit trail, redrive, discard. Register it on an app made by
 * createHttpApp (it refers to the ProblemDetails schema); mount it under a prefix if wanted.
 */
export const deadLetterRoutes: FastifyPluginAsyncTypebox<DeadLetterRoutesOptions> = (app, { db }) => {
  const tags = ['dead letters'];
  app.get(
    '/dead-letters',
    {
      schema: {
        summary: 'List dead letters',
        description: 'Oldest first. Pass `next` back as `after` for the next page.',
        tags,
        querystring: Type.Object({
          group: Type.Optional(Type.String({ maxLength: 200 })),
          topic: Type.Optional(Type.String({ maxLength: 249 })),
          status: Type.Optional(DeadLetterStatusSchema),
          after: Type.Optional(Type.String({ maxLength: 20 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
        }),
        response: {
          200: Type.Object({ deadLetters: Type.Array(DeadLetterWire), next: Type.Optional(Type.String()) }),
          400: Problem,
        },
      },
    },
    async (request) => {
      const page = await listDeadLetters(db, request.query);
      return {
        deadLetters: page.deadLetters.map((letter) => toWire(letter, false)),
        ...(page.next === undefined ? {} : { next: page.next }),
      };
    },
  );

  app.get(
    '/dead-letters/:id',
    {
      schema: {
        summary: 'Inspect a dead letter',
        description: 'With the messages of its key waiting behind it and its audit trail.',
        tags,
        params: DeadLetterParams,
        response: {
          200: Type.Object({
            deadLetter: DeadLetterWire,
            waiting: Type.Array(DeadLetterWire),
            audit: Type.Array(AuditEntryWire),
          }),
          400: Problem,
          404: Problem,
        },
      },
    },
    async (request) => {
      const details = await showDeadLetter(db, request.params.id);
      return {
        deadLetter: toWire(details.deadLetter, true),
        waiting: details.waiting.map((letter) => toWire(letter, false)),
        audit: details.audit.map(auditToWire),
      };
    },
  );

  app.post(
    '/dead-letters/:id/redrive',
    {
      schema: {
        summary: 'Redrive a dead letter',
        description:
          'Asks the consumer group to run it again, then the messages waiting behind it, in order. Answers 202: ' +
          'the status turns to redriven (or back to parked, with the new error) once the consumer has run it.',
        tags,
        params: DeadLetterParams,
        body: Type.Optional(ActionBody),
        response: {
          202: Type.Object({ deadLetter: DeadLetterWire }),
          400: Problem,
          404: Problem,
          409: Problem,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const letter = await redriveDeadLetter(db, request.params.id, {
        actor: actorOf(request, body),
        ...(body?.reason === undefined ? {} : { reason: body.reason }),
      });
      void reply.code(202);
      return { deadLetter: toWire(letter, false) };
    },
  );

  app.post(
    '/dead-letters/:id/discard',
    {
      schema: {
        summary: 'Discard a dead letter',
        description:
          'Gives it up for good (a reason is required); the messages waiting behind it then run, in order.',
        tags,
        params: DeadLetterParams,
        body: ActionBody,
        response: {
          200: Type.Object({ deadLetter: DeadLetterWire }),
          400: Problem,
          404: Problem,
          409: Problem,
        },
      },
    },
    async (request) => {
      const letter = await discardDeadLetter(db, request.params.id, {
        actor: actorOf(request, request.body),
        reason: request.body.reason ?? '',
      });
      return { deadLetter: toWire(letter, false) };
    },
  );
  return Promise.resolve();
};
