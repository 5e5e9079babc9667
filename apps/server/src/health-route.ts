import { Type } from '@sinclair/typebox';
import type { Database } from '@omnistream/event-store';
import { problem, sendProblem, type HttpApp } from '@omnistream/http';

const Healthy = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
});

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * Liveness plus a database round trip: a process that cannot reach its database cannot do anything useful, so a
 * load balancer should stop sending it traffic (503). The timeout keeps a hung connection from hanging the probe.
 */
export const registerHealthRoute = (app: HttpApp, db: Database, timeoutMs = 2_000): void => {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness and database check',
        tags: ['operations'],
        response: { 200: Healthy, 503: Type.Ref('ProblemDetails') },
      },
    },
    async (request, reply) => {
      try {
        await withTimeout(db.query('select 1'), timeoutMs);
        return { status: 'ok' as const, database: db.kind };
      } catch (error) {
        request.log.warn({ err: error }, 'health check: database unavailable');
        return sendProblem(
          request,
          reply,
          problem(503, 'DATABASE_UNAVAILABLE', `the ${db.kind} database does not answer`),
        );
      }
    },
  );
};
