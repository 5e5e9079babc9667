import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@omnistream/kernel';
import type { IdempotencyKeyRef, IdempotencyStore } from './idempotency-store.js';
import { requestFingerprint } from './request-fingerprint.js';
import '../principal.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Accept an `Idempotency-Key` header: a retried request with the same key gets the first response back. */
    idempotent?: boolean;
  }
}

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** Printable ASCII without spaces; long enough for any UUID or ULID with a prefix. */
const KEY_PATTERN = '^[\\x21-\\x7E]{1,255}$';
const KEY = new RegExp(KEY_PATTERN);

/** Headers that describe one transfer, not the response: a replay gets fresh ones. Cookies are never stored. */
const NOT_REPLAYED = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'set-cookie',
  'x-request-id',
]);

/**
 * Idempotency keys for HTTP commands (draft-ietf-httpapi-idempotency-key-header). A route opts in with
 * `config: { idempotent: true }`. Runs after validation, so a request that fails it never takes a key; a 5xx
 * releases the key, because the client should retry and the server did not decide anything.
 */
export const registerIdempotency = (app: FastifyInstance, store: IdempotencyStore): void => {
  const attempts = new WeakMap<FastifyRequest, { ref: IdempotencyKeyRef; attemptId: string }>();

  const forget = async (request: FastifyRequest): Promise<void> => {
    const attempt = attempts.get(request);
    if (attempt === undefined) return;
    attempts.delete(request);
    await store.release(attempt.ref, attempt.attemptId);
  };

  // Documents (and validates) the header on the routes that take it; runs before swagger reads the schema.
  app.addHook('onRoute', (route) => {
    if (route.config?.idempotent !== true) return;
    const headers = (route.schema?.headers ?? { type: 'object' }) as { properties?: Record<string, unknown> };
    const header = {
      type: 'string',
      pattern: KEY_PATTERN,
      description: 'Makes the request safe to retry: a repeat with the same key returns the first response.',
    };
    route.schema = {
      ...route.schema,
      headers: { ...headers, properties: { ...headers.properties, [IDEMPOTENCY_KEY_HEADER]: header } },
    };
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (request.routeOptions.config.idempotent !== true || key === undefined) return;
    if (typeof key !== 'string' || !KEY.test(key))
      throw new DomainError(
        'INVALID_IDEMPOTENCY_KEY',
        'Idempotency-Key must be 1 to 255 printable ASCII characters without spaces',
      );
    const ref = { scope: request.principal ?? '', key };
    const claim = await store.claim(ref, requestFingerprint(request.method, request.url, request.body));
    switch (claim.outcome) {
      case 'claimed':
        attempts.set(request, { ref, attemptId: claim.attemptId });
        return;
      case 'replay':
        return reply
          .code(claim.response.status)
          .headers({ ...claim.response.headers, [IDEMPOTENT_REPLAYED_HEADER]: 'true' })
          .send(claim.response.body);
      case 'in_progress':
        throw new DomainError(
          'IDEMPOTENCY_KEY_IN_PROGRESS',
          'a request with this Idempotency-Key is still being processed; retry later',
        );
      case 'mismatch':
        throw new DomainError(
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key was already used for a different request; use a new key',
        );
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const attempt = attempts.get(request);
    if (attempt === undefined) return payload;
    const storable =
      typeof payload === 'string' || Buffer.isBuffer(payload) || payload === null || payload === undefined;
    try {
      if (reply.statusCode >= 500 || !storable) {
        await forget(request);
        return payload;
      }
      attempts.delete(request);
      const headers = Object.fromEntries(
        Object.entries(reply.getHeaders()).flatMap(([name, value]) =>
          NOT_REPLAYED.has(name) || value === undefined
            ? []
            : [[name, Array.isArray(value) ? value.join(', ') : String(value)]],
        ),
      );
      const body = payload === null || payload === undefined ? '' : payload.toString();
      await store.complete(attempt.ref, attempt.attemptId, { status: reply.statusCode, headers, body });
    } catch (error) {
      // The command has run; failing its response now would invite a retry that runs it again. The claim stays
      // in progress until its timeout instead.
      request.log.error({ err: error }, 'could not store the idempotent response');
    }
    return payload;
  });

  // A request that ends without a response (client gone) must not block its key until the timeout.
  app.addHook('onResponse', (request) => forget(request));
  app.addHook('onRequestAbort', (request) => forget(request));
};
