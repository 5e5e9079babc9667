import type { FastifyInstance } from 'fastify';
import { sendProblem as send } from './send-problem.js';
import { problem, toProblem } from './to-problem.js';

/**
 * Every error leaves as problem+json (RFC 9457). Unexpected errors are logged with their stack here, the edge,
 * and leave without it; client errors are logged by code only, since their detail may echo what the client sent.
 */
export const registerProblemHandlers = (app: FastifyInstance): void => {
  app.setErrorHandler((error, request, reply) => {
    const body = toProblem(error);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, status: body.status }, 'request rejected');
    return send(request, reply, body);
  });

  app.setNotFoundHandler((request, reply) =>
    send(
      request,
      reply,
      problem(
        404,
        'ROUTE_NOT_FOUND',
        `there is no route ${request.method} ${request.url.split('?')[0] ?? ''}`,
      ),
    ),
  );
};
