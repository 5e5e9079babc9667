import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details.js';

/** Sends a problem as RFC 9457 JSON, stamped with the request id that names it in the logs. */
export const sendProblem = (
  request: FastifyRequest,
  reply: FastifyReply,
  body: ProblemDetails,
): FastifyReply =>
  reply
    .code(body.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...body, requestId: String(request.id) });
