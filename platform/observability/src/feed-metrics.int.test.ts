import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventStore } from '@omnistream/event-store';
import {
  postgresTestUrl,
  testDatabases,
  type OpenedTestDatabase,
  type TestDatabase,
} from '@omnistream/testing';
import { createMetricsRegistry } from './create-metrics-registry.js';
import { registerFeedMetrics } from './feed-metrics.js';

const sample = async (registry: ReturnType<typeof createMetricsRegistry>, name: string): Promise<number> => {
  const metric = await registry.getSingleMetric(name)?.get();
  return metric?.values[0]?.value ?? Number.NaN;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const database = (name: TestDatabase['name']) => testDatabases().find((candidate) => candidate.name === name);

/** Opens a fresh database of the given kind around each test, with a registry whose feed gauges read it. */
const withFeedMetrics = (name: TestDatabase['name']) => {
  const context = {} as { opened: OpenedTestDatabase; registry: ReturnType<typeof createMetricsRegistry> };
  beforeEach(async () => {
    const target = database(name);
    if (target === undefined) throw new Error(`no ${name} test database`);
    context.opened = await target.open();
    context.registry = createMetricsRegistry();
    registerFeedMetrics(context.registry, context.opened.db);
  });
  afterEach(() => context.opened.close());
  return context;
};

describe('feed metrics on PGlite', () => {
  const context = withFeedMetrics('pglite');

  it('exposes both feed gauges in the Prometheus text', async () => {
    const text = await context.registry.metrics();
    expect(text).toMatch(/^omnistream_feed_oldest_open_transaction_seconds 0$/m);
    expect(text).toMatch(/^omnistream_feed_held_back_events 0$/m);
  });

  it('reports 0, since its single connection leaves no other transaction open', async () => {
    await createEventStore(context.opened.db).append('order-1', [{ type: 'OrderPlaced', data: {} }]);
    expect(await sample(context.registry, 'omnistream_feed_oldest_open_transaction_seconds')).toBe(0);
    expect(await sample(context.registry, 'omnistream_feed_held_back_events')).toBe(0);
  });
});

describe.skipIf(postgresTestUrl() === undefined)('feed metrics on PostgreSQL', () => {
  const context = withFeedMetrics('postgres');

  it('reports the age of a transaction held open and the events it holds back, until it commits', async () => {
    const { opened, registry } = context;
    const session = await opened.db.session();
    try {
      await session.query('begin');
      await session.query('select pg_current_xact_id()'); // takes a transaction id, as a first write would
      await createEventStore(opened.db).append('order-1', [{ type: 'OrderPlaced', data: {} }]);
      await sleep(1_100);
      expect(
        await sample(registry, 'omnistream_feed_oldest_open_transaction_seconds'),
      ).toBeGreaterThanOrEqual(1);
      expect(await sample(registry, 'omnistream_feed_held_back_events')).toBe(1);
      await session.query('commit');
      expect(await sample(registry, 'omnistream_feed_held_back_events')).toBe(0);
    } finally {
      await session.query('rollback').catch(() => undefined);
      await session.release();
    }
  });

  it('exposes both feed gauges in the Prometheus text', async () => {
    const text = await context.registry.metrics();
    expect(text).toMatch(/^omnistream_feed_oldest_open_transaction_seconds [\d.]+$/m);
    expect(text).toMatch(/^omnistream_feed_held_back_events \d+$/m);
  });
});
