import { Type } from '@sinclair/typebox';
import { DomainError } from '@omnistream/kernel';
import type { HttpApp } from '@omnistream/http';
import { applyTracking } from '../handling/apply-tracking.js';
import type { ShipmentsRuntime } from '../handling/shipments-runtime.js';

const Problem = Type.Ref('ProblemDetails');

/**
 * POST /shipments/webhooks/:carrier. Signatures are computed over the exact bytes sent, so in this scope JSON
 * bodies are kept as the raw string and each carrier parses what it verified.
 */
export const registerWebhookRoutes = (app: HttpApp, runtime: ShipmentsRuntime): void => {
  void app.register((scope, _options, done) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      ['application/json', 'text/plain'],
      { parseAs: 'string' },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/shipments/webhooks/:carrier',
      {
        schema: {
          summary: 'Receive tracking webhooks from a carrier',
          description:
            'Verified (signature or credential), normalised and applied to the shipment. A repeated webhook has ' +
            'no second effect; a late one never moves a shipment backwards.',
          tags: ['shipments'],
          params: Type.Object({ carrier: Type.String({ minLength: 1, maxLength: 50 }) }),
          response: {
            200: Type.Object({ received: Type.Integer(), recorded: Type.Integer(), ignored: Type.Integer() }),
            400: Problem,
            401: Problem,
            404: Problem,
          },
        },
      },
      async (request) => {
        // The plugin scope is plain Fastify (no TypeBox provider); the schema above has checked the shape.
        const { carrier: id } = request.params as { carrier: string };
        const carrier = runtime.carriers.get(id);
        if (carrier === undefined)
          throw new DomainError('CARRIER_NOT_FOUND', `no carrier ${id} is configured`);
        const raw = typeof request.body === 'string' ? request.body : '';
        const reports = carrier.parseWebhook(raw, request.headers);
        return applyTracking(runtime, carrier.id, reports, { correlationId: String(request.id) });
      },
    );
    done();
  });
};
