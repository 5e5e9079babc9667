import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore, platformMigrations, type EventStore } from '@omnistream/event-store';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { eventually } from '../conformance/conformance-fixture.js';
import { listDeadLetters } from '../dead-letters/dead-letter-queries.js';
import { redriveDeadLetter } from '../dead-letters/dead-letter-actions.js';
import type { Bus } from '../bus.js';
import { createInProcessBus, type InProcessBus } from '../in-process/create-in-process-bus.js';
import { messagingMigrations } from '../messaging-schema.js';
import { ORDER_PLACED_SCHEMA_ID, ordersCodec } from './orders-codec.fixture.js';
import { startOutboxRelay } from './start-outbox-relay.js';

/**
 * The relay publishes in its checkpoint's transaction on a bus that can (the in-process bus), and otherwise publishes
 * first and moves the checkpoint after (Kafka). The second mode runs here on the in-process bus seen through its
 * plain `publish`, as the relay sees a Kafka bus; the Kafka bus itself is covered by the bus benchmark and the
 * distributed order flow. Only on a PostgreSQL server: that bus's `publish` writes to the database, which on PGlite's
 * one connection would wait behind the redrive worker's open transaction (a Kafka publish does not).
 */
const modes = [
  { mode: 'publishing in the checkpoint transaction', transactional: true },
  { mode: 'publishing before the checkpoint moves', transactional: false },
];

/** The same bus without `publishIn`: publishes outside any transaction of the caller. */
const publishOnly = (bus: Bus): Bus => ({
  kind: bus.kind,
  provision: (topics) => bus.provision(topics),
  publish: (messages) => bus.publish(messages),
  consume: (options) => bus.consume(options),
  close: () => bus.close(),
});

describe.each(
  testDatabases().flatMap((target) =>
    modes
      .filter((mode) => mode.transactional || target.name !== 'pglite')
      .map((mode) => ({ ...mode, target, name: target.name })),
  ),
)('the outbox relay on $name, $mode', ({ target, transactional }) => {
  let opened: OpenedTestDatabase;
  let store: EventStore;
  let inProcess: InProcessBus;
  let bus: Bus;
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, ...messagingMigrations] });
    store = createEventStore(opened.db);
    inProcess = createInProcessBus(opened.db, { pollIntervalMs: 50 });
    bus = transactional ? inProcess : publishOnly(inProcess);
    await bus.provision([{ name: 'orders.order', partitions: 3, replicationFactor: 1 }]);
  });
  afterAll(async () => {
    await bus.close();
    await store.close();
    await opened.close();
  });

  const published = async (key?: string) =>
    (
      await opened.db.query<{ key: string; value: string; headers: Record<string, string> | string }>(
        `select key, encode(value, 'hex') as value, headers::text as headers from omnistream.bus_messages
          where topic = 'orders.order' and ($1::text is null or key = $1) order by partition, "offset"`,
        [key ?? null],
      )
    ).map((row) => ({ ...row, headers: JSON.parse(row.headers as string) as Record<string, string> }));

  it('publishes public events to their topic, keyed by stream id, with the wire headers and format, exactly once', async () => {
    const relay = startOutboxRelay({
      store,
      bus,
      codec: ordersCodec(),
      name: 'relay-once',
      pollIntervalMs: 50,
    });
    const [placed] = (
      await store.append('order-1', [
        {
          type: 'OrderPlaced',
          data: { total: 42 },
          metadata: {
            correlationId: 'corr-1',
            causationId: 'cmd-1',
            traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          },
        },
      ])
    ).events;
    await store.append('cart-1', [{ type: 'ItemAdded', data: {} }]);
    await relay.subscription.caughtUp();
    await relay.stop();
    const again = startOutboxRelay({
      store,
      bus,
      codec: ordersCodec(),
      name: 'relay-once',
      pollIntervalMs: 50,
    });
    await again.subscription.caughtUp();
    await again.stop();
    const messages = await published('order-1');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.headers).toEqual({
      'event-id': placed?.id,
      'event-type': 'OrderPlaced',
      'correlation-id': 'corr-1',
      'causation-id': 'cmd-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'content-type': 'application/json',
      'schema-id': String(ORDER_PLACED_SCHEMA_ID),
      'stream-version': '1',
    });
    expect(messages[0]?.value).toBe(`0000000007${Buffer.from('{"total":42}').toString('hex')}`);
    expect(await published('cart-1')).toEqual([]);
  });

  it('parks an event that does not fit its contract, holds its stream behind it, and publishes it in order once redriven', async () => {
    let fixed = false;
    const relay = startOutboxRelay({
      store,
      bus,
      codec: ordersCodec(() => fixed),
      name: 'relay-poison',
      pollIntervalMs: 50,
    });
    await store.append('order-2', [{ type: 'OrderPlaced', data: { total: 'lots' } }]);
    await store.append('order-2', [{ type: 'OrderPlaced', data: { total: 1 } }]);
    await store.append('order-3', [{ type: 'OrderPlaced', data: { total: 3 } }]);
    await relay.subscription.caughtUp();
    expect(await published('order-2')).toEqual([]);
    expect(await published('order-3')).toHaveLength(1);
    const letters = (await listDeadLetters(opened.db, { group: relay.deadLetterGroup })).deadLetters;
    expect(letters.map((l) => [l.status, l.message.key, l.error?.message])).toEqual([
      ['parked', 'order-2', '/total must be integer'],
      ['waiting', 'order-2', undefined],
    ]);
    fixed = true;
    await redriveDeadLetter(opened.db, letters[0]!.id, { actor: 'ops', reason: 'schema v2 registered' });
    await eventually(async () => (await published('order-2')).length === 2);
    expect((await published('order-2')).map((m) => Buffer.from(m.value.slice(10), 'hex').toString())).toEqual(
      ['{"total":"lots"}', '{"total":1}'],
    );
    await store.append('order-2', [{ type: 'OrderPlaced', data: { total: 2 } }]);
    await relay.subscription.caughtUp();
    expect(await published('order-2')).toHaveLength(3);
    await relay.stop();
  });
});
