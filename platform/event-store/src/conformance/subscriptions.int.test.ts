import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@omnistream/kernel';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import {
  createEventStore,
  openPostgresDatabase,
  subscribe,
  type CommitWithCheckpoint,
  type EventStore,
  type Sql,
} from '../index.js';

const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** Effects of a handler, written in its transaction; no unique key, so a second application would show. */
const recordEffects = async (tx: Sql, subscription: string, events: readonly EventEnvelope[]) => {
  for (const event of events)
    await tx.query(
      'insert into effects (subscription, event_id, stream_id, version) values ($1, $2, $3, $4)',
      [subscription, event.id, event.streamId, event.version],
    );
};

describe.each(testDatabases())('subscriptions on $name', (target) => {
  let opened: OpenedTestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    opened = await target.open();
    await opened.db.query(
      'create table effects (subscription text, event_id uuid, stream_id text, version int)',
    );
    store = createEventStore(opened.db);
  });
  afterAll(async () => {
    await store.close();
    await opened.close();
  });

  const effects = async (subscription: string) =>
    opened.db.query<{ event_id: string; stream_id: string; version: number }>(
      'select event_id::text, stream_id, version from effects where subscription = $1 order by ctid',
      [subscription],
    );

  it('applies every event once, in feed order, and resumes from its checkpoint after a stop', async () => {
    for (let i = 0; i < 20; i += 1) await store.append(`cart-${i % 4}`, [{ type: 'ItemAdded', data: { i } }]);
    const first = subscribe(store, {
      name: 'resume',
      handle: (events, tx) => recordEffects(tx, 'resume', events),
      batchSize: 7,
    });
    await first.caughtUp();
    await first.stop();
    expect(await effects('resume')).toHaveLength(20);
    for (let i = 20; i < 30; i += 1)
      await store.append(`cart-${i % 4}`, [{ type: 'ItemAdded', data: { i } }]);
    const second = subscribe(store, {
      name: 'resume',
      handle: (events, tx) => recordEffects(tx, 'resume', events),
    });
    await second.caughtUp();
    await second.stop();
    const applied = await effects('resume');
    expect(applied).toHaveLength(30);
    expect(new Set(applied.map((e) => e.event_id)).size).toBe(30);
    const feed = await store.readFeed({ transactionId: 0n, globalPosition: 0n }, { limit: 1000 });
    expect(applied.map((e) => e.event_id)).toEqual(
      feed.events.filter((e) => e.streamId.startsWith('cart-')).map((e) => e.id),
    );
  });

  it('rolls back a failed batch with its checkpoint and retries it until it succeeds', async () => {
    await store.append('payment-1', [
      { type: 'Authorised', data: {} },
      { type: 'Captured', data: {} },
    ]);
    let failures = 0;
    const subscription = subscribe(store, {
      name: 'flaky',
      filter: (e) => e.streamId === 'payment-1',
      retry: { initialDelayMs: 5 },
      onError: () => {},
      handle: async (events, tx) => {
        await recordEffects(tx, 'flaky', events);
        if (failures < 3) {
          failures += 1;
          throw new Error('downstream hiccup');
        }
      },
    });
    await until(async () => (await effects('flaky')).length >= 2);
    await subscription.caughtUp();
    await subscription.stop();
    expect(failures).toBe(3);
    expect((await effects('flaky')).map((e) => e.version)).toEqual([1, 2]);
  });

  it('delivers outside a transaction, at least once: a failed delivery is delivered again, and work it returns commits with the checkpoint', async () => {
    for (let i = 0; i < 12; i += 1)
      await store.append(`shipment-${i % 3}`, [{ type: 'Dispatched', data: { i } }]);
    const delivered: string[] = [];
    let failures = 0;
    const options = {
      name: 'handoff',
      filter: (e: EventEnvelope) => e.streamId.startsWith('shipment-'),
      batchSize: 5,
      retry: { initialDelayMs: 5 },
      onError: () => {},
      deliver: (events: readonly EventEnvelope[]): Promise<CommitWithCheckpoint> => {
        delivered.push(...events.map((e) => e.id)); // handed over, like a publish to a broker
        if (failures < 2 && delivered.length > 5) {
          failures += 1;
          return Promise.reject(new Error('broker unreachable'));
        }
        // Work to commit with the checkpoint only for pages holding a version 2 (as the relay's dead letters).
        const seconds = events.filter((e) => e.version === 2);
        return Promise.resolve(
          seconds.length === 0 ? undefined : (tx: Sql) => recordEffects(tx, 'handoff', seconds),
        );
      },
    };
    const first = subscribe(store, options);
    await first.caughtUp();
    await first.stop();
    const feed = (
      await store.readFeed({ transactionId: 0n, globalPosition: 0n }, { limit: 1000 })
    ).events.filter((e) => e.streamId.startsWith('shipment-'));
    expect(failures).toBe(2);
    // Every event at least once and in feed order; a page that failed was handed over again from its start.
    expect([...new Set(delivered)]).toEqual(feed.map((e) => e.id));
    expect(delivered.length).toBeGreaterThan(feed.length);
    // The returned work committed once per page, with the checkpoint that moved past it.
    expect((await effects('handoff')).map((e) => e.event_id)).toEqual(
      feed.filter((e) => e.version === 2).map((e) => e.id),
    );
    // The checkpoint moved past everything delivered: a restart delivers nothing again.
    delivered.length = 0;
    const again = subscribe(store, options);
    await again.caughtUp();
    await again.stop();
    expect(delivered).toEqual([]);
  });

  it('prepares each batch before handling it, reading ahead without losing or repeating a batch when one fails', async () => {
    for (let i = 0; i < 45; i += 1)
      await store.append(`parcel-${i % 5}`, [{ type: 'Labelled', data: { i } }]);
    const prepared = new Set<string>();
    let failed = false;
    const subscription = subscribe(store, {
      name: 'prepared',
      filter: (e) => e.streamId.startsWith('parcel-'),
      batchSize: 4,
      retry: { initialDelayMs: 5 },
      onError: () => {},
      prepare: async (events) => {
        await new Promise((resolve) => setTimeout(resolve, 2)); // work outside the transaction takes time
        for (const event of events) prepared.add(event.id);
      },
      handle: async (events, tx) => {
        if (events.some((event) => !prepared.has(event.id)))
          throw new Error('handled before it was prepared');
        await recordEffects(tx, 'prepared', events);
        if (!failed && events.some((event) => (event.data as { i: number }).i === 21)) {
          failed = true; // once, after writing: the batch's effects must roll back and the same batch come again
          throw new Error('downstream hiccup');
        }
      },
    });
    await subscription.caughtUp();
    await subscription.stop();
    expect(failed).toBe(true);
    const applied = (await effects('prepared')).map((e) => `${e.stream_id}/${e.version}`);
    expect(applied).toHaveLength(45);
    expect(new Set(applied).size).toBe(45);
    for (let stream = 0; stream < 5; stream += 1) {
      const versions = (await effects('prepared'))
        .filter((e) => e.stream_id === `parcel-${stream}`)
        .map((e) => e.version);
      expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });

  it('wakes on a commit without waiting for its poll interval', async () => {
    const subscription = subscribe(store, {
      name: 'wake',
      startFrom: 'end',
      pollIntervalMs: 60_000,
      handle: (events, tx) => recordEffects(tx, 'wake', events),
    });
    await subscription.caughtUp();
    const started = Date.now();
    await store.append('wake-1', [{ type: 'Rang', data: {} }]);
    await until(async () => (await effects('wake')).length === 1, 5_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    await subscription.stop();
  });

  // PGlite lives in one process, so the in-process wake-up above is its whole story.
  if (target.name === 'postgres')
    it('wakes through LISTEN/NOTIFY when another process commits', async () => {
      if (opened.config.kind !== 'postgres') throw new Error('unreachable');
      const writerDb = await openPostgresDatabase({ url: opened.config.url, maxConnections: 2 });
      const writer = createEventStore(writerDb);
      const subscription = subscribe(store, {
        name: 'notify',
        startFrom: 'end',
        pollIntervalMs: 60_000,
        handle: (events, tx) => recordEffects(tx, 'notify', events),
      });
      await subscription.caughtUp();
      await new Promise((resolve) => setTimeout(resolve, 200)); // let LISTEN settle
      const started = Date.now();
      await writer.append('remote-1', [{ type: 'Rang', data: {} }]);
      await until(async () => (await effects('notify')).length === 1, 5_000);
      expect(Date.now() - started).toBeLessThan(2_000);
      await subscription.stop();
      await writer.close();
      await writerDb.close();
    });

  // A server-side failure only PostgreSQL has: every connection of the process is cut mid-run.
  if (target.name === 'postgres')
    it('carries on after its connections are killed, still applying every event once', async () => {
      const errors: unknown[] = [];
      const subscription = subscribe(store, {
        name: 'outage',
        filter: (event) => event.streamId === 'outage-1',
        retry: { initialDelayMs: 10 },
        onError: (error) => errors.push(error),
        handle: (events, tx) => recordEffects(tx, 'outage', events),
      });
      await store.append('outage-1', [{ type: 'Before', data: {} }]);
      await subscription.caughtUp();
      const killer = await openPostgresDatabase({
        url: (opened.config as { url: string }).url,
        maxConnections: 1,
      });
      await killer.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`,
      );
      await killer.close();
      await until(async () => {
        try {
          await store.append('outage-1', [{ type: 'After', data: {} }]);
          return true;
        } catch {
          return false; // the pool reconnects on its next query
        }
      });
      // The test's own statements may still meet a connection whose end the driver has not noticed yet, and fail
      // once: only the subscription has to carry on by itself.
      const unlessKilled = async <T>(attempt: () => Promise<T>): Promise<T | undefined> => {
        try {
          return await attempt();
        } catch (error) {
          if ((error as { code?: unknown }).code === '57P01') return undefined;
          throw error;
        }
      };
      await until(async () => (await unlessKilled(() => subscription.caughtUp().then(() => true))) ?? false);
      await subscription.stop();
      let applied: Awaited<ReturnType<typeof effects>> | undefined;
      await until(async () => (applied = await unlessKilled(() => effects('outage'))) !== undefined);
      expect(applied?.map((e) => e.version)).toEqual([1, 2]);
    });

  it('starts from the end of the feed when asked', async () => {
    await store.append('late-1', [{ type: 'Old', data: {} }]);
    const subscription = subscribe(store, {
      name: 'late',
      startFrom: 'end',
      handle: (events, tx) => recordEffects(tx, 'late', events),
    });
    await subscription.caughtUp();
    await store.append('late-1', [{ type: 'New', data: {} }]);
    await until(async () => (await effects('late')).length === 1);
    await subscription.caughtUp();
    await subscription.stop();
    expect((await effects('late')).map((e) => e.version)).toEqual([2]);
  });

  it('keeps one instance active; a standby takes over when it stops', async () => {
    const other =
      opened.config.kind === 'postgres'
        ? await openPostgresDatabase({ url: opened.config.url, maxConnections: 4 })
        : opened.db;
    const otherStore = opened.config.kind === 'postgres' ? createEventStore(other) : store;
    const active = subscribe(store, {
      name: 'single',
      handle: (events, tx) => recordEffects(tx, 'single', events),
    });
    await active.caughtUp();
    const standby = subscribe(otherStore, {
      name: 'single',
      standbyIntervalMs: 50,
      handle: (events, tx) => recordEffects(tx, 'single', events),
    });
    await until(() => standby.status().state === 'standby');
    expect(active.status().state).toBe('active');
    await store.append('single-1', [{ type: 'A', data: {} }]);
    await active.caughtUp();
    await active.stop();
    await until(() => standby.status().state === 'active');
    await store.append('single-1', [{ type: 'B', data: {} }]);
    await standby.caughtUp();
    await standby.stop();
    const applied = await effects('single');
    expect(new Set(applied.map((e) => e.event_id)).size).toBe(applied.length);
    const all = await store.readFeed({ transactionId: 0n, globalPosition: 0n }, { limit: 10_000 });
    expect(applied.length).toBe(all.events.length);
    if (other !== opened.db) {
      await otherStore.close();
      await other.close();
    }
  });
});
