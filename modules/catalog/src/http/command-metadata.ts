import type { FastifyRequest } from 'fastify';
import type { Clock, CommandMetadata } from '@omnistream/kernel';

/** What a command carries from its request: when it was accepted, the request id to correlate by, and who. */
export const commandMetadata = (request: FastifyRequest, clock: Clock): CommandMetadata => ({
  now: clock.now().toISOString(),
  correlationId: String(request.id),
  ...(request.principal === null ? {} : { actor: request.principal }),
});
