import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { uuidV7 } from '@omnistream/kernel';
import type { IdempotencyStore } from './idempotency/idempotency-store.js';
import { registerIdempotency } from './idempotency/register-idempotency.js';
import { ANONYMOUS } from './principal.js';
import { closeConnectionsWhenClosing } from './close-connections-when-closing.js';
import { registerOpenApi, type OpenApiInfo } from './register-open-api.js';
import { registerProblemHandlers } from './register-problem-handlers.js';

/** The app routes are added to: Fastify typed by TypeBox route schemas. */
export type HttpApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface HttpAppOptions {
  /** A pino logger (see @omnistream/observability); requests are logged through children of it. */
  readonly logger: FastifyBaseLogger;
  readonly openApi?: OpenApiInfo;
  /** Where `Idempotency-Key` responses are kept; without it, routes that opt in just ignore the header. */
  readonly idempotency?: IdempotencyStore;
  readonly bodyLimitBytes?: number;
  /** A request still unanswered after this long is cut off, so slow clients cannot hold sockets forever. */
  readonly requestTimeoutMs?: number;
}

/**
 * Builds the Fastify app without listening (STYLE.md 9: only main.ts listens): problem+json errors, OpenAPI at
 * `/docs`, and idempotency keys. Add routes to the returned app, then `listen` or `inject`.
 */
export const createHttpApp = async (options: HttpAppOptions): Promise<HttpApp> => {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    requestIdHeader: 'x-request-id',
    genReqId: () => uuidV7(),
    ajv: {
      // Reject unknown properties with a path the client can fix, instead of silently dropping them.
      customOptions: { removeAdditional: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('principal', ANONYMOUS);
  closeConnectionsWhenClosing(app);
  registerProblemHandlers(app);
  // Before OpenAPI, so the routes' documented headers include Idempotency-Key.
  if (options.idempotency !== undefined) registerIdempotency(app, options.idempotency);
  await registerOpenApi(app, options.openApi ?? { title: 'Omnistream', version: '0.1.0' });
  return app;
};
