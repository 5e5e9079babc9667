import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openContracts, schemaRegistrySchema } from '@omnistream/schema-registry';
import {
  createEventStore,
  openPostgresDatabase,
  platformMigrations,
  runMigrations,
} from '@omnistream/event-store';
import { createHttpApp } from '@omnistream/http';
import { createInventoryModule, inventoryAppendHooks } from '@omnistream/inventory';
import { createLogger } from '@omnistream/observability';
import { projectionsSchema } from '@omnistream/projections';
import { createScratchDatabase } from '@omnistream/testing';
import type { Benchmark } from '../benchmark.js';
import type { BenchResult } from '../bench-report.js';
import { describeEnvironment } from '../describe-environment.js';
import { startBareHttpServer } from './bare-http-server.js';
import { requestsPerSecond, runHttpLoad, type LoadResult } from './run-http-load.js';
import { seedInventory } from './seed-inventory.js';
import { sourcingCase } from './sourcing-case.js';

const CONCURRENCY = 32;

/** The server's answer rate against node's bare HTTP server answering a body of the same size, same client. */
const againstBareHttp = async (
  name: string,
  subject: { url: string; method: 'GET' | 'POST'; body?: string },
  durationMs: number,
  check: (result: LoadResult) => string,
): Promise<BenchResult> => {
  const sample = await fetch(subject.url.replace('{n}', 'sample'), {
    method: subject.method,
    ...(subject.body === undefined
      ? {}
      : {
          body: subject.body.replaceAll('{n}', 'sample').replaceAll('{m}', '0'),
          headers: { 'content-type': 'application/json' },
        }),
  });
  const bare = await startBareHttpServer(await sample.text());
  try {
    const ceiling = await runHttpLoad({ ...subject, url: bare.url, concurrency: CONCURRENCY, durationMs });
    const measured = await runHttpLoad({ ...subject, concurrency: CONCURRENCY, durationMs });
    const value = requestsPerSecond(measured);
    const top = requestsPerSecond(ceiling);
    return {
      case: name,
      adapter: 'postgres',
      value: Math.round(value),
      unit: 'requests/s',
      ceiling: Math.round(top),
      ratio: Number((value / top).toFixed(3)),
      p50Ms: measured.p50Ms,
      p99Ms: measured.p99Ms,
      ceilingP50Ms: ceiling.p50Ms,
      ceilingP99Ms: ceiling.p99Ms,
      notes: `${CONCURRENCY} keep-alive connections from a separate process; statuses ${JSON.stringify(measured.statuses)}; ${check(measured)}`,
    };
  } finally {
    await bare.close();
  }
};

const CONTRACTS = fileURLToPath(new URL('../../../contracts', import.meta.url));

/** Sourcing decisions, availability reads and reservations (one hot SKU, 1,000 spread SKUs) on PostgreSQL. */
export const inventoryBenchmark: Benchmark = {
  description: 'sourcing decisions/s; availability reads and reservations over HTTP vs a bare HTTP server',
  run: async (options, log) => {
    const durationMs = options.quick ? 3_000 : 10_000;
    const results: BenchResult[] = [];
    log('sourcing engine on the generated network (1 DC, 1,000 stores, 10,000 SKUs)');
    results.push(...(await sourcingCase(options.quick)));

    const scratch = await createScratchDatabase(options.postgresUrl, 'omnistream_bench_inventory');
    const db = await openPostgresDatabase({ url: scratch.url, maxConnections: options.pool ?? 10 });
    await runMigrations(db, [...platformMigrations, projectionsSchema, schemaRegistrySchema]);
    // As the server runs it: every public stock event is checked against its contract inside the append.
    const contracts = await openContracts(db, CONTRACTS);
    const store = createEventStore(db, { validate: contracts.validate, onAppended: inventoryAppendHooks() });
    const inventory = createInventoryModule({ eventStore: store });
    const app = await createHttpApp({ logger: createLogger({ level: 'silent' }) });
    let version = 'unknown';
    try {
      version = (await db.query<{ version: string }>('select version() as version'))[0]?.version ?? version;
      inventory.registerRoutes(app);
      await inventory.start();
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      log('seeding 1 DC, 20 stores, 1,000 SKUs and a hot SKU');
      await seedInventory(inventory.handlers);
      await inventory.view.caughtUp();

      const skus = Array.from({ length: 10 }, (_, i) => `SKU-${i * 97}`).join(',');
      log('availability reads');
      results.push(
        await againstBareHttp(
          'availability of 10 SKUs, web channel',
          { url: `${base}/inventory/availability?skus=${skus}&channel=web-gb`, method: 'GET' },
          durationMs,
          () => 'served from the in-memory view',
        ),
      );
      const reserve = (sku: string) =>
        JSON.stringify({ reservationId: `bench-{n}-${Date.now()}`, sku, channel: 'web-gb', quantity: 1 });
      for (const [name, sku] of [
        ['reservations, one hot SKU', 'HOT-1'],
        ['reservations, 1,000 SKUs', 'SKU-{m}'],
      ] as const) {
        log(name);
        results.push(
          await againstBareHttp(
            name,
            { url: `${base}/inventory/reservations`, method: 'POST', body: reserve(sku) },
            durationMs,
            (r) => {
              const held = r.statuses['201'] ?? 0;
              return `${held} reserved`;
            },
          ),
        );
      }
      await inventory.view.caughtUp();
      const levels = inventory.view.levels('HOT-1');
      const hot = levels?.get('dc-1');
      const reservedEvents = (await store.readStream('stock-HOT-1', { maxCount: 10_000_000 })).filter(
        (e) => e.type === 'StockReserved',
      ).length;
      const oversold = hot === undefined ? 0 : Math.max(0, hot.reserved - hot.onHand);
      log(
        `hot SKU: ${reservedEvents} StockReserved events, ${hot?.reserved ?? 0} units reserved of ${hot?.onHand ?? 0} on hand, oversold ${oversold}`,
      );
      const hotResult = results.find((r) => r.case === 'reservations, one hot SKU');
      if (hotResult !== undefined)
        results[results.indexOf(hotResult)] = {
          ...hotResult,
          notes: `${hotResult.notes}; stream holds ${reservedEvents} reservations (sample included), ${hot?.reserved ?? 0} units reserved of ${hot?.onHand ?? 0} on hand, oversold ${oversold}`,
        };
    } finally {
      await app.close();
      await inventory.close();
      await store.close();
      await db.close();
      await scratch.drop();
    }
    return {
      name: 'inventory',
      environment: describeEnvironment({ quick: options.quick, postgres: version, pglite: null }),
      settings: { durationMs, concurrency: CONCURRENCY, pool: options.pool ?? 10 },
      results,
    };
  },
};
