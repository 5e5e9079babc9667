import type { HttpApp } from '@omnistream/http';
import type { Registry } from '@omnistream/observability';

/** Prometheus scrape endpoint; left out of the OpenAPI document, since it is for operators, not API clients. */
export const registerMetricsRoute = (app: HttpApp, registry: Registry): void => {
  app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
};
