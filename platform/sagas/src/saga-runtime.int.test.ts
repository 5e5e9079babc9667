import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createEventStore, FEED_START, platformMigrations, type EventStore } from '@omnistream/event-store';
import { fixedClock, type NewEvent } from '@omnistream/kernel';
import { createSagaRunner } from './create-saga-runner.js';
import { authorised, orderFulfilment, placed, reserved } from './order-fulfilment.fixture.js';
import { readSaga } from './read-saga.js';
import type { SagaDefinition } from './saga-definition.js';
import { sagasSchema } from './sagas-schema.js';
import { startSagaSubscription } from './start-saga-subscription.js';

const input = (store: EventStore, { streamId, event }: { streamId: string; event: NewEvent }) =>
  store.append(streamId, [event]);

/** Every input counts one and sends one command: a saga where any lost or doubled input shows. */
const tally: SagaDefinition<number> = {
  name: 'tally',
  correlate: (event) =>
    event.type === 'Ticked' ? { instanceId: (event.data as { id: string }).id, starts: true } : undefined,
  initialState: () => 0,
  evolve: (count) => count + 1,
  decide: (input, count) => {
    const n = input.kind === 'event' ? (input.event.data as { n: number }).n : -1;
    return {
      events: [{ type: 'Counted', data: { n, before: count } }],
      send: [{ step: `count-${n}`, command: { target: 'counters', type: 'Count', data: { n } } }],
    };
  },
};

describe.each(testDatabases())('the saga runtime on $name', (target) => {
  let opened: OpenedTestDatabase;
  let store: EventStore;
  const clock = fixedClock('2026-03-01T10:00:00.000Z');
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, sagasSchema] });
    store = createEventStore(opened.db);
  });
  afterAll(async () => {
    await store.close();
    await opened.close();
  });

  it('turns events from a feed subscription into one saga stream, issuing each command exactly once under redelivery', async () => {
    const subscription = startSagaSubscription(store, [orderFulfilment], {
      name: 'sagas-once',
      clock,
      pollIntervalMs: 20,
    });
    await input(store, placed('a1'));
    await input(store, reserved('a1'));
    await subscription.caughtUp();
    await subscription.stop();

    // The same events again, as a bus would redeliver them: one at a time, and twice in one batch.
    const runner = createSagaRunner(store, [orderFulfilment], { clock });
    const [orderPlaced] = await store.readStream('order-a1');
    const [stockReserved] = await store.readStream('stockItem-sku-1');
    if (orderPlaced === undefined || stockReserved === undefined) throw new Error('inputs missing');
    await store.transaction((tx) => runner.handle(orderPlaced, tx));
    await store.transaction((tx) => runner.handleBatch([stockReserved, stockReserved, orderPlaced], tx));

    const saga = await readSaga(store, orderFulfilment, 'a1');
    expect(saga?.status).toBe('running');
    expect(saga?.commands.map((c) => [c.target, c.command.type, c.role])).toEqual([
      ['inventory', 'ReserveStock', 'forward'],
      ['payments', 'AuthorisePayment', 'forward'],
    ]);
    expect(saga?.history.map((d) => d.input.name)).toEqual(['OrderPlaced', 'StockReserved']);
    expect(saga?.history[0]?.input.correlationId).toBe('corr-a1');
    expect(saga?.steps.map((s) => [s.step, s.status])).toEqual([
      ['reserveStock', 'completed'],
      ['authorisePayment', 'issued'],
    ]);
    expect(saga?.timers.map((t) => [t.timer, t.dueAt])).toEqual([
      ['paymentTimeout', '2026-03-01T10:15:00.000Z'],
    ]);
    const rows = await opened.db.query(
      'select timer_name from omnistream.saga_timers where instance_id = $1',
      ['a1'],
    );
    expect(rows).toEqual([{ timer_name: 'paymentTimeout' }]);
    const stream = await store.readStream('orderFulfilment-a1');
    expect(stream.filter((e) => e.type === 'SagaCommandIssued')).toHaveLength(2);
    expect(stream.find((e) => e.type === 'SagaCommandIssued')?.metadata).toMatchObject({
      correlationId: 'corr-a1',
      causationId: orderPlaced.id,
    });
  });

  it('serialises concurrent inputs to one saga instance: none lost, none doubled, versions contiguous', async () => {
    const runner = createSagaRunner(store, [tally], { clock });
    for (let n = 0; n < 12; n += 1)
      await store.append(`ticker-${n}`, [{ type: 'Ticked', data: { id: 't1', n } }]);
    const ticks = (await store.readFeed(FEED_START, { limit: 1000 })).events.filter(
      (e) => e.type === 'Ticked',
    );
    // Every tick twice, all at once, each in a transaction of its own.
    await Promise.all([...ticks, ...ticks].map((tick) => store.transaction((tx) => runner.handle(tick, tx))));
    const saga = await readSaga(store, tally, 't1');
    expect(saga?.state).toBe(12);
    expect(saga?.commands.map((c) => (c.command.data as { n: number }).n).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, n) => n),
    );
    const stream = await store.readStream('tally-t1');
    expect(stream.map((e) => e.version)).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    expect(
      new Set(stream.filter((e) => e.type === 'Counted').map((e) => (e.data as { before: number }).before))
        .size,
    ).toBe(12);
  });

  it('records nothing for an event whose saga instance was never started', async () => {
    const runner = createSagaRunner(store, [orderFulfilment], { clock });
    await input(store, authorised('never'));
    const [event] = await store.readStream('payment-never');
    if (event === undefined) throw new Error('input missing');
    await store.transaction((tx) => runner.handle(event, tx));
    expect(await readSaga(store, orderFulfilment, 'never')).toBeUndefined();
  });

  it('loads what a rolled-back input and another runner left, not what this runner remembers', async () => {
    const remembering = createSagaRunner(store, [tally], { clock });
    const other = createSagaRunner(store, [tally], { clock });
    for (let n = 0; n < 4; n += 1)
      await store.append(`tock-${n}`, [{ type: 'Ticked', data: { id: 't2', n } }]);
    const ticks = (await store.readFeed(FEED_START, { limit: 1000 })).events.filter(
      (e) => e.type === 'Ticked' && (e.data as { id: string }).id === 't2',
    );
    const [first, second, third, fourth] = ticks;
    if (fourth === undefined || first === undefined || second === undefined || third === undefined)
      throw new Error('ticks missing');
    await store.transaction((tx) => remembering.handle(first, tx));
    // Written, remembered, then rolled back by a later failure in the same transaction.
    await expect(
      store.transaction(async (tx) => {
        await remembering.handle(second, tx);
        throw new Error('the checkpoint write failed');
      }),
    ).rejects.toThrow('the checkpoint write failed');
    await store.transaction((tx) => other.handle(third, tx));
    await store.transaction((tx) => remembering.handle(second, tx));
    await store.transaction((tx) => remembering.handle(fourth, tx));
    const saga = await readSaga(store, tally, 't2');
    expect(saga?.state).toBe(4);
    const counted = (await store.readStream('tally-t2')).filter((e) => e.type === 'Counted');
    expect(counted.map((e) => (e.data as { before: number }).before)).toEqual([0, 1, 2, 3]);
  });
});
