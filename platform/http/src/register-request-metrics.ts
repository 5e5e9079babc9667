import type { FastifyInstance } from 'fastify';
import { Histogram, type Registry } from 'prom-client';

/**
 * Request duration by route template (never the raw URL, whose ids would make one series per entity), method and
 * status. Buckets span a fast read to a slow command waiting on a contended stream.
 */
export const registerRequestMetrics = (app: FastifyInstance, registry: Registry): void => {
  const duration = new Histogram({
    name: 'omnistream_http_request_duration_seconds',
    help: 'HTTP request duration in seconds, from arrival to the last byte sent.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', (request, reply, done) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(unmatched)',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
};
