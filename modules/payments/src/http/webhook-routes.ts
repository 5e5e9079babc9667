import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { HttpApp } from '@omnistream/http';
import type { PaymentOperations } from '../operations/payment-operations.js';

const headersOf = (
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string | undefined> =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
  );

/**
 * `POST /payments/webhooks/:provider`: the provider's notifications, verified against the exact bytes received
 * (the body is kept as text in this route's own scope), normalised and applied. Answers what the provider expects
 * (`[accepted]`), also for notifications about payments this deployment does not know, or it would resend them.
 */
export const registerWebhookRoutes = (app: HttpApp, operations: PaymentOperations): void => {
  void app.register((plain, _options, registered) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    );
    scope.post(
      '/payments/webhooks/:provider',
      {
        schema: {
          summary: "A payment provider's notifications (webhook)",
          tags: ['payments'],
          params: Type.Object({ provider: Type.String({ pattern: '^[a-z][a-z0-9_-]{0,31}$' }) }),
          response: {
            200: Type.String(),
            400: Type.Ref('ProblemDetails'),
            401: Type.Ref('ProblemDetails'),
            404: Type.Ref('ProblemDetails'),
          },
        },
      },
      async (request, reply) => {
        const raw = typeof request.body === 'string' ? request.body : '';
        const result = await operations.applyWebhook(
          request.params.provider,
          raw,
          headersOf(request.headers),
        );
        void reply.type('text/plain');
        return result.acknowledgement;
      },
    );
    registered();
  });
};
