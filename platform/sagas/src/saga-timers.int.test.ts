import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createEventStore, platformMigrations, type EventStore } from '@omnistream/event-store';
import { fixedClock, type NewEvent } from '@omnistream/kernel';
import { claimDueTimers } from './claim-due-timers.js';
import { authorised, orderFulfilment, placed, reserved } from './order-fulfilment.fixture.js';
import { readSaga } from './read-saga.js';
import { sagasSchema } from './sagas-schema.js';
import { startSagaSubscription } from './start-saga-subscription.js';
import { startSagaTimers } from './start-saga-timers.js';

const input = (store: EventStore, { streamId, event }: { streamId: string; event: NewEvent }) =>
  store.append(streamId, [event]);

const until = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const MINUTE = 60_000;

describe.each(testDatabases())('durable saga timers on $name', (target) => {
  let opened: OpenedTestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, sagasSchema] });
    store = createEventStore(opened.db);
  });
  afterAll(async () => {
    await store.close();
    await opened.close();
  });

  /** Places and reserves orders through a subscription, so each saga waits on its payment timeout. */
  const awaitingPayment = async (orderIds: readonly string[], clock: ReturnType<typeof fixedClock>) => {
    const subscription = startSagaSubscription(store, [orderFulfilment], {
      name: `sagas-${orderIds[0]}`,
      clock,
      pollIntervalMs: 20,
    });
    for (const id of orderIds) {
      await input(store, placed(id, `sku-${id}`));
      await input(store, reserved(id, `sku-${id}`));
    }
    await subscription.caughtUp();
    return subscription;
  };

  it('fires a timer that came due while no process ran, at the next start-up, and compensates', async () => {
    const clock = fixedClock('2026-03-01T10:00:00.000Z');
    const subscription = await awaitingPayment(['r1'], clock);
    const before = startSagaTimers({ store, sagas: [orderFulfilment], clock, pollIntervalMs: 60_000 });
    expect(await before.pollNow()).toBe(0); // not due yet
    await before.stop();
    await subscription.stop();

    clock.advance(16 * MINUTE); // the process is down while the timer comes due
    const after = startSagaTimers({ store, sagas: [orderFulfilment], clock, pollIntervalMs: 60_000 });
    await until(async () => (await readSaga(store, orderFulfilment, 'r1'))?.status === 'compensated');
    await after.stop();

    const saga = await readSaga(store, orderFulfilment, 'r1');
    expect(saga?.commands.filter((c) => c.role === 'compensation').map((c) => c.command.type)).toEqual([
      'VoidAuthorisation',
      'ReleaseReservation',
    ]);
    expect(saga?.endReason).toBe('payment timed out');
    expect(saga?.timers).toEqual([]);
    const [row] = await opened.db.query<{ fired_at: unknown }>(
      'select fired_at from omnistream.saga_timers where instance_id = $1',
      ['r1'],
    );
    expect(row?.fired_at).not.toBeNull();
  });

  it('does not fire a timer that was cancelled when the awaited event arrived', async () => {
    const clock = fixedClock('2026-03-01T10:00:00.000Z');
    const subscription = await awaitingPayment(['c1'], clock);
    await input(store, authorised('c1'));
    await subscription.caughtUp();
    await subscription.stop();
    clock.advance(60 * MINUTE);
    const timers = startSagaTimers({ store, sagas: [orderFulfilment], clock, pollIntervalMs: 60_000 });
    expect(await timers.pollNow()).toBe(0);
    await timers.stop();
    const saga = await readSaga(store, orderFulfilment, 'c1');
    expect(saga?.status).toBe('completed');
    expect(saga?.history.map((d) => d.input.name)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'PaymentAuthorised',
    ]);
  });

  if (target.name === 'postgres') {
    it('lets a second poller skip a timer another poller holds, without waiting for it', async () => {
      const clock = fixedClock('2026-03-01T10:00:00.000Z');
      await (await awaitingPayment(['s1'], clock)).stop();
      const claim = {
        sagaNames: ['orderFulfilment'],
        now: '2026-03-01T11:00:00.000Z',
        leaseMs: 30_000,
        limit: 10,
      };
      await opened.db.transaction(async (tx) => {
        const first = await claimDueTimers(opened.db, claim, tx);
        expect(first.map((t) => t.instanceId)).toEqual(['s1']);
        // The first claim is still uncommitted: the row is locked, and skipped rather than waited for.
        const second = await claimDueTimers(opened.db, claim);
        expect(second).toEqual([]);
      });
      // Committed, the lease holds the timer until it lapses; then another poller may take it over.
      expect(await claimDueTimers(opened.db, claim)).toEqual([]);
      const lapsed = await claimDueTimers(opened.db, { ...claim, now: '2026-03-01T11:00:31.000Z' });
      expect(lapsed.map((t) => t.instanceId)).toEqual(['s1']);
    });

    it('fires each due timer exactly once with two pollers running at the same time', async () => {
      const clock = fixedClock('2026-03-01T10:00:00.000Z');
      const ids = Array.from({ length: 20 }, (_, i) => `p${i}`);
      await (await awaitingPayment(ids, clock)).stop();
      clock.advance(16 * MINUTE);
      const options = { store, sagas: [orderFulfilment], clock, pollIntervalMs: 60_000, batchSize: 3 };
      const a = startSagaTimers(options);
      const b = startSagaTimers(options);
      const fired = await Promise.all([a.pollNow(), b.pollNow()]);
      await Promise.all([a.stop(), b.stop()]);
      expect(fired[0] + fired[1]).toBeLessThanOrEqual(ids.length);
      for (const id of ids) {
        const saga = await readSaga(store, orderFulfilment, id);
        expect(saga?.status).toBe('compensated');
        expect(saga?.history.filter((d) => d.input.kind === 'timer')).toHaveLength(1);
        expect(saga?.commands.filter((c) => c.role === 'compensation')).toHaveLength(2);
      }
    });
  }
});
