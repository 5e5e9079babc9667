import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { openPostgresDatabase, runMigrations } from '@omnistream/event-store';
import { createLogger } from '@omnistream/observability';
import { createServer, parseConfig, serverMigrations, type Server } from '@omnistream/server';
import { createScratchDatabase } from '@omnistream/testing';
import type { Benchmark } from '../benchmark.js';
import type { BenchResult } from '../bench-report.js';
import { describeEnvironment } from '../describe-environment.js';
import { startBareHttpServer } from '../inventory/bare-http-server.js';
import { requestsPerSecond, runHttpLoad } from '../inventory/run-http-load.js';
import { measureRawInserts } from './measure-raw-inserts.js';
import { orderBody, seedOrders } from './seed-orders.js';

const CONCURRENCY = 32;

const countReleased = async (server: Server, prefix: string): Promise<number> => {
  const [row] = await server.database.query<{ n: string }>(
    `select count(*)::text as n from omnistream.events where type = 'OrderReleased' and stream_id like $1`,
    [`order-${prefix}%`],
  );
  return Number(row?.n ?? 0);
};

/** Orders over HTTP on PostgreSQL: acceptance at the API, and the saga carrying them to "sourced" (released). */
export const ordersBenchmark: Benchmark = {
  description: 'orders accepted/s and p99 at the API; orders carried to sourced per second by the saga',
  run: async (options, log) => {
    const durationMs = options.quick ? 10_000 : 60_000;
    const scratch = await createScratchDatabase(options.postgresUrl, 'omnistream_bench_orders');
    const migrator = await openPostgresDatabase({ url: scratch.url, maxConnections: 2 });
    await runMigrations(migrator, serverMigrations);
    await migrator.close();
    const server = await createServer(
      parseConfig({ database: { kind: 'postgres', url: scratch.url, maxConnections: options.pool ?? 20 } }),
      { logger: createLogger({ level: 'silent' }) },
    );
    const results: BenchResult[] = [];
    let version = 'unknown';
    try {
      version =
        (await server.database.query<{ version: string }>('select version() as version'))[0]?.version ??
        version;
      log('seeding 1 DC, 20 stores, 1,000 priced SKUs');
      await seedOrders(server);
      await server.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}/orders`;
      const sample = await fetch(url, {
        method: 'POST',
        body: orderBody('sample').replaceAll('{n}', '0').replaceAll('{m}', '0'),
        headers: { 'content-type': 'application/json' },
      });
      const bare = await startBareHttpServer(await sample.text());
      try {
        log('orders accepted, closed loop');
        const ceiling = await runHttpLoad({
          url: bare.url,
          method: 'POST',
          body: orderBody('c'),
          concurrency: CONCURRENCY,
          durationMs: 3_000,
        });
        const accepted = await runHttpLoad({
          url,
          method: 'POST',
          body: orderBody('acc'),
          concurrency: CONCURRENCY,
          durationMs: Math.min(durationMs, 10_000),
        });
        results.push({
          case: 'orders accepted (POST /orders)',
          adapter: 'postgres',
          value: Math.round(requestsPerSecond(accepted)),
          unit: 'orders/s',
          ceiling: Math.round(requestsPerSecond(ceiling)),
          ratio: Number((requestsPerSecond(accepted) / requestsPerSecond(ceiling)).toFixed(3)),
          p50Ms: accepted.p50Ms,
          p99Ms: accepted.p99Ms,
          ceilingP50Ms: ceiling.p50Ms,
          ceilingP99Ms: ceiling.p99Ms,
          notes: `${CONCURRENCY} connections, closed loop; statuses ${JSON.stringify(accepted.statuses)}; ceiling: bare node:http, same response size`,
        });
        log('waiting for the saga to drain the backlog');
        const accCount = accepted.statuses['201'] ?? 0;
        const drainDeadline = performance.now() + 60_000; // the backlog need not be gone: the paced case then runs beside it
        while ((await countReleased(server, 'acc')) < accCount && performance.now() < drainDeadline)
          await new Promise((resolve) => setTimeout(resolve, 1000));

        log('p99 acceptance at 500 orders/s offered');
        const paced = await runHttpLoad({
          url,
          method: 'POST',
          body: orderBody('paced'),
          concurrency: 256,
          durationMs: Math.min(durationMs, 10_000),
          ratePerSecond: 500,
        });
        const pacedCeiling = await runHttpLoad({
          url: bare.url,
          method: 'POST',
          body: orderBody('pc'),
          concurrency: 256,
          durationMs: 3_000,
          ratePerSecond: 500,
        });
        results.push({
          case: 'acceptance at 500 orders/s offered',
          adapter: 'postgres',
          value: Number(paced.p99Ms.toFixed(2)),
          unit: 'ms p99',
          ceiling: Number(pacedCeiling.p99Ms.toFixed(2)),
          ratio: Number((pacedCeiling.p99Ms / Math.max(paced.p99Ms, 0.001)).toFixed(3)),
          p50Ms: paced.p50Ms,
          p99Ms: paced.p99Ms,
          ceilingP50Ms: pacedCeiling.p50Ms,
          ceilingP99Ms: pacedCeiling.p99Ms,
          notes: `open loop, latency from when each order was due; achieved ${Math.round(requestsPerSecond(paced))}/s; statuses ${JSON.stringify(paced.statuses)}; target p99 < 50 ms`,
        });

        log(
          `orders carried to sourced: ${durationMs / 1000} s offered at 1,000/s, then released counted for ${durationMs / 1000} s`,
        );
        const offered = await runHttpLoad({
          url,
          method: 'POST',
          body: orderBody('flow'),
          concurrency: 256,
          durationMs,
          ratePerSecond: 1000,
        });
        const flowAccepted = offered.statuses['201'] ?? 0;
        // With a backlog waiting, what the saga releases per second is its sustained capacity.
        const from = await countReleased(server, '');
        const started = performance.now();
        await new Promise((resolve) => setTimeout(resolve, durationMs));
        const released = (await countReleased(server, '')) - from;
        const seconds = (performance.now() - started) / 1000;
        const backlog = (
          await server.database.query<{ n: string }>(
            `select (count(*) filter (where type = 'OrderPlaced') - count(*) filter (where type in ('OrderReleased', 'OrderFailed')))::text as n
             from omnistream.events where type in ('OrderPlaced', 'OrderReleased', 'OrderFailed')`,
          )
        )[0]?.n;
        const raw = await measureRawInserts(server.database, 8, 3_000);
        results.push({
          case: 'orders carried to sourced (saga)',
          adapter: 'postgres',
          value: Math.round(released / seconds),
          unit: 'orders/s',
          ceiling: Math.round(raw),
          ratio: Number((released / seconds / raw).toFixed(4)),
          notes: `${released} orders released in ${seconds.toFixed(1)} s with a backlog waiting (${backlog ?? '?'} placed and not yet released or failed at the end); ${flowAccepted} accepted in the ${durationMs / 1000} s offered at 1,000/s (achieved ${Math.round(requestsPerSecond(offered))}/s); ceiling: raw single-row INSERTs/s, 8 writers, same database; target 1,000/s`,
        });
      } finally {
        await bare.close();
      }
    } finally {
      await server.close();
      await scratch.drop();
    }
    return {
      name: 'orders',
      environment: describeEnvironment({ quick: options.quick, postgres: version, pglite: null }),
      settings: { durationMs, concurrency: CONCURRENCY, pool: options.pool ?? 20 },
      results,
    };
  },
};
