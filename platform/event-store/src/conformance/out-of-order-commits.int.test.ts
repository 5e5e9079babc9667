import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@omnistream/kernel';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import {
  compareFeedPositions,
  createEventStore,
  subscribe,
  type EventStore,
  type FeedPosition,
} from '../index.js';
import { openTransaction } from './open-transaction.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const N = 8;

describe.each(testDatabases())('out-of-order commits on $name', (target) => {
  let opened: OpenedTestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    opened = await target.open({ maxConnections: N + 8 });
    store = createEventStore(opened.db);
  });
  afterAll(async () => {
    await store.close();
    await opened.close();
  });

  it('delivers every event once, in stream order, and never checkpoints past an open transaction', async () => {
    const delivered: EventEnvelope[] = [];
    const subscription = subscribe(store, {
      name: 'ooo',
      pollIntervalMs: 50,
      handle: async (events, tx) => {
        delivered.push(...events);
        await tx.query('select 1');
      },
    });
    // A steady writer on one shared stream: concurrent batches on the same stream must stay in version order.
    let writing = true;
    const background = (async () => {
      while (writing) {
        await store.append('ooo-shared', [{ type: 'Tick', data: {} }]);
        await sleep(5);
      }
    })();

    const held: { commit(): Promise<void>; first: FeedPosition }[] = [];
    const sampled: FeedPosition[] = [];
    if (opened.db.concurrentTransactions) {
      // Transactions take positions 1..N in order, then commit in reverse; the first stays open for 2 s.
      for (let i = 1; i <= N; i += 1) {
        const open = await openTransaction(opened.db);
        const [result] = await store.appendInTransaction(open.tx, [
          { streamId: `ooo-${i}`, events: [1, 2, 3].map((n) => ({ type: 'Step', data: { n } })) },
        ]);
        const first = result?.events[0] as EventEnvelope;
        held.push({
          commit: open.commit,
          first: { transactionId: first.transactionId, globalPosition: first.globalPosition },
        });
      }
      const oldest = held[0] as (typeof held)[number];
      const startedAt = Date.now();
      for (const transaction of [...held].reverse().slice(0, -1)) {
        await transaction.commit();
        await sleep(50);
      }
      while (Date.now() - startedAt < 2_000) {
        sampled.push(subscription.status().position);
        const [stored] = await opened.db.query<{ xid: string; pos: string }>(
          `select transaction_id::text as xid, global_position::text as pos from omnistream.subscriptions where name = 'ooo'`,
        );
        if (stored !== undefined)
          sampled.push({ transactionId: BigInt(stored.xid), globalPosition: BigInt(stored.pos) });
        await sleep(20);
      }
      for (const position of sampled) expect(compareFeedPositions(position, oldest.first)).toBeLessThan(0);
      expect(delivered.some((e) => e.transactionId > oldest.first.transactionId)).toBe(false);
      await oldest.commit();
    } else {
      // PGlite runs one transaction at a time: a slow one blocks readers and writers until it commits.
      for (let i = 1; i <= N; i += 1) {
        const open = await openTransaction(opened.db);
        await store.appendInTransaction(open.tx, [
          { streamId: `ooo-${i}`, events: [1, 2, 3].map((n) => ({ type: 'Step', data: { n } })) },
        ]);
        await sleep(i === 1 ? 2_000 : 50);
        await open.commit();
      }
    }
    writing = false;
    await background;
    await subscription.caughtUp();
    await subscription.stop();

    const stored = await opened.db.query<{ id: string }>(
      'select event_id::text as id from omnistream.events',
    );
    expect(delivered).toHaveLength(stored.length);
    expect(new Set(delivered.map((e) => e.id))).toEqual(new Set(stored.map((r) => r.id)));
    const seen = new Map<string, number>();
    for (const event of delivered) {
      expect(event.version).toBe((seen.get(event.streamId) ?? 0) + 1);
      seen.set(event.streamId, event.version);
    }
    expect(seen.get('ooo-shared')).toBeGreaterThan(3);
  });

  it('delivers a writer that waited for a stream lock after the writer it waited for', async () => {
    if (!opened.db.concurrentTransactions) {
      // One connection: the second writer cannot even start before the first commits.
      await store.append('lock-1', [{ type: 'A', data: {} }]);
      await store.append('lock-1', [{ type: 'B', data: {} }]);
    } else {
      const first = await openTransaction(opened.db);
      await store.appendInTransaction(first.tx, [{ streamId: 'lock-1', events: [{ type: 'A', data: {} }] }]);
      const second = store.append('lock-1', [{ type: 'B', data: {} }]); // blocks on the stream's lock
      await sleep(300);
      await first.commit();
      await second;
    }
    const events = await store.readStream('lock-1');
    const [a, b] = events as [EventEnvelope, EventEnvelope];
    expect([a.type, b.type]).toEqual(['A', 'B']);
    expect(compareFeedPositions(a, b)).toBeLessThan(0);
  });

  it('refuses to deliver an event whose recorded predecessor would come after it on the feed', async () => {
    await store.append('tamper-1', [{ type: 'A', data: {} }]);
    const [second] = (await store.append('tamper-1', [{ type: 'B', data: {} }])).events;
    // Simulate the ordering pitfall: the predecessor claims a later place on the feed than its successor.
    await opened.db.query(
      `update omnistream.events set prev_position = global_position + 1, prev_transaction_id = transaction_id
        where event_id = $1`,
      [second?.id],
    );
    await expect(
      store.readFeed({ transactionId: 0n, globalPosition: 0n }, { limit: 100_000 }),
    ).rejects.toThrow(/before its predecessor/);
    await opened.db.query('delete from omnistream.events where stream_id = $1', ['tamper-1']);
  });
});
