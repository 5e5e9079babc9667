import { Type } from '@sinclair/typebox';
import { DomainError } from '@omnistream/kernel';
import type { EventStore } from '@omnistream/event-store';
import type { HttpApp } from '@omnistream/http';
import { readSaga, type AnySaga } from '@omnistream/sagas';

/** Means of payment and credentials ride in saga state (the order's payment token): never shown. */
const SECRET_KEYS = new Set(['token', 'password', 'secret', 'apiKey']);
const redact = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? String(value) : value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, SECRET_KEYS.has(key) ? '[redacted]' : redact(inner)]),
  );
};

/**
 * `GET /sagas/{saga}/{instanceId}`: a saga instance as it stands (state, status, the steps issued with their
 * compensations, pending timers) and every decision it made with the input that caused it, e.g.
 * `/sagas/orderFlow/<orderId>` for an order's flow.
 */
export const registerSagaRoutes = (app: HttpApp, store: EventStore, sagas: readonly AnySaga[]): void => {
  app.get(
    '/sagas/:saga/:instanceId',
    {
      schema: {
        summary: 'A saga instance: its state, steps, timers and every decision',
        tags: ['sagas'],
        params: Type.Object({
          saga: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$' }),
          instanceId: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 200: Type.Object({}, { additionalProperties: true }), 404: Type.Ref('ProblemDetails') },
      },
    },
    async (request) => {
      const saga = sagas.find((s) => s.name === request.params.saga);
      if (saga === undefined)
        throw new DomainError(
          'SAGA_NOT_FOUND',
          `no saga ${request.params.saga}; known: ${sagas.map((s) => s.name).join(', ')}`,
        );
      const view = await readSaga(store, saga, request.params.instanceId);
      if (view === undefined)
        throw new DomainError(
          'SAGA_INSTANCE_NOT_FOUND',
          `saga ${saga.name} has no instance ${request.params.instanceId}`,
        );
      return redact(view);
    },
  );
};
