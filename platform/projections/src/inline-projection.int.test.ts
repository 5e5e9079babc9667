import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import {
  createEventStore,
  openPostgresDatabase,
  platformMigrations,
  type Database,
  type EventStore,
} from '@omnistream/event-store';
import { inlineProjection } from './inline-projection.js';
import {
  ordersIn,
  placeOrder,
  orderTotalsV1,
  orderTotalsV2,
  readTotals,
  totalsFromFeed,
} from './order-totals.fixture.js';
import type { Projection } from './projection.js';
import { projectionLockKey } from './projection-lock-key.js';
import { projectionsSchema } from './projections-schema.js';
import { startProjection } from './start-projection.js';

/** PGlite answers without a trip through the event loop; writers yield so that timers still run. */
const breathe = () => new Promise((resolve) => setTimeout(resolve, 1));

describe.each(testDatabases())('inline projections on $name', (target) => {
  let opened: OpenedTestDatabase;
  const stores: EventStore[] = [];
  const databases: Database[] = [];
  const storeWith = (...projections: Parameters<typeof inlineProjection>[]) => {
    const store = createEventStore(opened.db, {
      onAppended: projections.map((args) => inlineProjection(...args)),
    });
    stores.push(store);
    return store;
  };
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, projectionsSchema] });
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    for (const db of databases) await db.close();
    await opened.close();
  });

  it('updates the read model in the same transaction as the append', async () => {
    const v1 = orderTotalsV1('inline_same_tx');
    const store = storeWith([v1]);
    await placeOrder(store, 'a-1', 'ann', 5);
    const runner = startProjection(store, v1, { inline: true });
    await runner.activated();
    expect((await readTotals(opened.db, v1.name)).totals.get('ann')).toEqual({
      orders: 1,
      total: 5,
      largest: 0,
    });
    // No waiting for any subscription: the append's own transaction wrote it.
    await placeOrder(store, 'a-2', 'ann', 7);
    expect((await readTotals(opened.db, v1.name)).totals.get('ann')).toEqual({
      orders: 2,
      total: 12,
      largest: 0,
    });
    expect(runner.status().subscription).toBeUndefined();
    await runner.stop();
  });

  it('fails the append and writes nothing when the projection fails', async () => {
    const strict: Projection = {
      ...orderTotalsV1('inline_strict'),
      handle: async (events, tx, t) => {
        await orderTotalsV1('inline_strict').handle(events, tx, t);
        if (events.some((event) => (event.data as { total: number }).total < 0))
          throw new Error('negative total');
      },
    };
    const store = storeWith([strict]);
    const runner = startProjection(store, strict, { inline: true });
    await runner.activated();
    await placeOrder(store, 'b-1', 'bob', 3);
    await expect(placeOrder(store, 'b-2', 'bob', -1)).rejects.toThrow('negative total');
    expect(await store.streamVersion('order-b-2')).toBe(0);
    expect((await readTotals(opened.db, strict.name)).totals.get('bob')).toEqual({
      orders: 1,
      total: 3,
      largest: 0,
    });
    await runner.stop();
  });

  // Holding a projection's lock from a second session needs a server; PGlite has one connection.
  if (target.name === 'postgres')
    it('lets an append its projections do not concern pass a rebuild that holds their lock, and holds back one they do', async () => {
      const v1 = orderTotalsV1('inline_concerns');
      const store = storeWith([v1]);
      const runner = startProjection(store, v1, { inline: true });
      await runner.activated();
      const config = opened.config as { url: string };
      const rebuild = await openPostgresDatabase({ url: config.url, maxConnections: 1 });
      databases.push(rebuild);
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked: () => void = () => {};
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const holding = rebuild.transaction(async (tx) => {
        await tx.query('select pg_advisory_xact_lock(1871, $1)', [projectionLockKey(v1.name)]);
        locked();
        await held;
      });
      await lockTaken;
      // Not an OrderPlaced: the projection has nothing to do with it, so it neither waits nor is asked.
      await store.append('ticket-c-1', [{ type: 'TicketIssued', data: { total: 1 } }]);
      let placed = false;
      const placing = placeOrder(store, 'c-1', 'cy', 4).then(() => (placed = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(placed, 'an OrderPlaced waits for the lock its projection holds').toBe(false);
      release();
      await holding;
      await placing;
      expect((await readTotals(opened.db, v1.name)).totals.get('cy')).toEqual({
        orders: 1,
        total: 4,
        largest: 0,
      });
      await runner.stop();
    });

  it('rebuilds version 2 under concurrent appends, losing and doubling no event', async () => {
    const name = 'inline_rebuild';
    const v1 = orderTotalsV1(name);
    const v2 = orderTotalsV2(name);
    const before = storeWith([v1]);
    const v1Runner = startProjection(before, v1, { inline: true, checkIntervalMs: 20 });
    await v1Runner.activated();
    for (let i = 0; i < 40; i += 1) await placeOrder(before, `c-${i}`, `customer-${i % 4}`, i + 1);

    // The rolled-out code knows both versions; on PostgreSQL a second pool stands for a second process.
    const writers = [storeWith([v2, { previous: [v1] }])];
    if (opened.config.kind === 'postgres') {
      const other = await openPostgresDatabase({ url: opened.config.url, maxConnections: 6 });
      databases.push(other);
      const store = createEventStore(other, { onAppended: [inlineProjection(v2, { previous: [v1] })] });
      stores.push(store);
      writers.push(store);
    }
    let writing = true;
    let written = 0;
    const writerLoops = writers.flatMap((store, s) =>
      [0, 1, 2, 3].map(async (w) => {
        for (let i = 0; writing; i += 1) {
          await placeOrder(store, `d-${s}-${w}-${i}`, `customer-${(i + w) % 5}`, ((i * 7) % 11) + 1);
          written += 1;
          await breathe();
        }
      }),
    );

    const v2Runner = startProjection(writers[0] as EventStore, v2, { inline: true, batchSize: 5 });
    await v2Runner.activated();
    const atSwitch = written;
    const deadline = Date.now() + 20_000;
    while (written < atSwitch + 40 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    writing = false;
    await Promise.all(writerLoops);

    const read = await readTotals(opened.db, name);
    expect(read.version).toBe(2);
    // Inline from the switch on: nothing is left to catch up, and no subscription applies those appends again.
    expect(v2Runner.status().subscription).toBeUndefined();
    const expected = await totalsFromFeed(writers[0] as EventStore);
    expect(read.totals).toEqual(expected);
    expect(ordersIn(read.totals)).toBe(ordersIn(expected));
    expect(written).toBeGreaterThan(atSwitch);
    await v1Runner.stop();
    expect(v1Runner.status().state).toBe('retired');
    await v2Runner.stop();
  });
});
