import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createEventStore, platformMigrations, type EventStore } from '@omnistream/event-store';
import { activeTables } from './active-tables.js';
import {
  ordersIn,
  placeOrder,
  orderTotalsV1,
  orderTotalsV2,
  readTotals,
  totalsFromFeed,
} from './order-totals.fixture.js';
import { projectionsSchema } from './projections-schema.js';
import { startProjection } from './start-projection.js';

/** What a version should hold: v1 does not keep the largest order. */
const expected = async (store: EventStore, version: number) => {
  const totals = await totalsFromFeed(store);
  return version === 1
    ? new Map([...totals].map(([customer, t]) => [customer, { ...t, largest: 0 }]))
    : totals;
};

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe.each(testDatabases())('asynchronous projections on $name', (target) => {
  let opened: OpenedTestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, projectionsSchema] });
    store = createEventStore(opened.db);
  });
  afterAll(async () => {
    await store.close();
    await opened.close();
  });

  it('builds a read model from the feed, applying every event exactly once across restarts', async () => {
    for (let i = 0; i < 25; i += 1) await placeOrder(store, i, `customer-${i % 3}`, 10 + i);
    expect(await activeTables(opened.db, 'totals_once')).toBeUndefined();
    const first = startProjection(store, orderTotalsV1('totals_once'), { batchSize: 7 });
    await first.activated();
    await first.caughtUp();
    await first.stop();
    for (let i = 25; i < 40; i += 1) await placeOrder(store, i, `customer-${i % 3}`, 10 + i);
    const second = startProjection(store, orderTotalsV1('totals_once'));
    await second.caughtUp();
    expect(second.status().state).toBe('active');
    const read = await readTotals(opened.db, 'totals_once');
    expect(read.version).toBe(1);
    expect(read.totals).toEqual(await expected(store, 1));
    expect(ordersIn(read.totals)).toBe(40);
    await second.stop();
  });

  it('rebuilds version 2 beside version 1 while writes continue, and readers never see it missing or going back', async () => {
    const name = 'totals_rebuild';
    for (let i = 0; i < 50; i += 1) await placeOrder(store, 1000 + i, `customer-${i % 5}`, i + 1);
    const v1 = startProjection(store, orderTotalsV1(name), {
      checkIntervalMs: 20,
      dropTablesWhenRetired: true,
    });
    await v1.activated();
    await v1.caughtUp();

    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let i = 0; writing; i += 1, written += 1) {
        await placeOrder(store, 2000 + i, `customer-${i % 7}`, (i % 13) + 1);
        // PGlite answers without a trip through the event loop: a tight loop of appends would starve every timer.
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    let reading = true;
    const versionsSeen: number[] = [];
    let lastOrders = 0;
    const reader = (async () => {
      while (reading) {
        // Throws (failing the test) if a read ever finds no active version or a missing table.
        const { version, totals } = await readTotals(opened.db, name);
        const orders = ordersIn(totals);
        expect(orders).toBeGreaterThanOrEqual(lastOrders);
        lastOrders = orders;
        if (versionsSeen[versionsSeen.length - 1] !== version) versionsSeen.push(version);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    const v2 = startProjection(store, orderTotalsV2(name), { checkIntervalMs: 20, batchSize: 10 });
    await v2.activated();
    const afterSwitch = written;
    await Promise.race([until(() => written >= afterSwitch + 20), writer]);
    writing = false;
    await writer;
    await v2.caughtUp();
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the reader see the final state
    reading = false;
    await reader;

    expect(versionsSeen).toEqual([1, 2]);
    const read = await readTotals(opened.db, name);
    expect(read.version).toBe(2);
    expect(read.totals).toEqual(await expected(store, 2));
    // Version 1 notices the switch, stops and drops its tables.
    await until(() => v1.status().state === 'retired');
    await expect(v1.caughtUp()).rejects.toThrow('retired');
    await v1.stop();
    const [v1Table] = await opened.db.query<{ table: string | null }>(
      `select to_regclass('omnistream_read."${name}_totals_v1"')::text as table`,
    );
    expect(v1Table?.table ?? null).toBeNull();
    await v2.stop();
  });
});
