import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore, platformMigrations, type EventStore } from '@omnistream/event-store';
import { fixedClock } from '@omnistream/kernel';
import {
  createInProcessBus,
  EVENT_HEADERS,
  messagingMigrations,
  startConsumer,
  startOutboxRelay,
  type Bus,
  type Consumer,
  type IncomingMessage,
  type OutboxRelay,
} from '@omnistream/messaging';
import { createSchemaRegistry, decodeWireFormat, schemaRegistrySchema } from '@omnistream/schema-registry';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { orderFulfilment, placed, reserved } from './order-fulfilment.fixture.js';
import { sagaCommandTopic, createSagaCommandCodec } from './saga-command-codec.js';
import type { SagaCommandIssued } from './saga-events.js';
import { sagasSchema } from './sagas-schema.js';
import { startSagaSubscription } from './start-saga-subscription.js';

const until = async (check: () => boolean, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const commandOf = (message: IncomingMessage): SagaCommandIssued['data'] =>
  JSON.parse(new TextDecoder().decode(decodeWireFormat(message.value).payload)) as SagaCommandIssued['data'];

describe.each(testDatabases())('saga commands over the bus on $name', (target) => {
  let opened: OpenedTestDatabase;
  let store: EventStore;
  let bus: Bus;
  let relay: OutboxRelay;
  const stops: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    opened = await target.open({
      migrations: [...platformMigrations, schemaRegistrySchema, ...messagingMigrations, sagasSchema],
    });
    store = createEventStore(opened.db);
    bus = createInProcessBus(opened.db, { pollIntervalMs: 50 });
    const targets = ['inventory', 'payments', 'orders'];
    await bus.provision(
      targets.map((name) => ({ name: sagaCommandTopic(name), partitions: 2, replicationFactor: 1 })),
    );
    const codec = await createSagaCommandCodec(
      createSchemaRegistry(opened.db),
      [orderFulfilment.name],
      targets,
    );
    relay = startOutboxRelay({ store, bus, codec, pollIntervalMs: 50 });
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await relay.stop();
    await bus.close();
    await store.close();
    await opened.close();
  });

  it('sends each command to its context through the bus, and the reply moves the saga on', async () => {
    const sagas = startSagaSubscription(store, [orderFulfilment], {
      name: 'sagas',
      clock: fixedClock('2026-03-01T10:00:00.000Z'),
      pollIntervalMs: 50,
    });
    stops.push(() => sagas.stop());
    const inventory: IncomingMessage[] = [];
    const payments: IncomingMessage[] = [];
    const consumers: Consumer[] = [
      // Inventory reserves the stock in the message's transaction and replies with an event the saga reads.
      await startConsumer({
        bus,
        db: opened.db,
        group: 'inventory',
        topics: [sagaCommandTopic('inventory')],
        handle: async (message, tx) => {
          inventory.push(message);
          const command = commandOf(message);
          if (command.command.type === 'ReserveStock') {
            const reply = reserved((command.command.data as { orderId: string }).orderId);
            await store.appendInTransaction(tx, [{ streamId: reply.streamId, events: [reply.event] }]);
          }
        },
      }),
      await startConsumer({
        bus,
        db: opened.db,
        group: 'payments',
        topics: [sagaCommandTopic('payments')],
        handle: (message) => {
          payments.push(message);
          return Promise.resolve();
        },
      }),
    ];
    for (const consumer of consumers) stops.push(() => consumer.stop());

    const order = placed('b1');
    await store.append(order.streamId, [order.event]);
    await until(() => payments.length > 0);

    const [reserve] = inventory as [IncomingMessage];
    expect(inventory).toHaveLength(1);
    expect(reserve.key).toBe('orderFulfilment-b1');
    expect(reserve.headers[EVENT_HEADERS.eventType]).toBe('SagaCommandIssued');
    expect(reserve.headers[EVENT_HEADERS.correlationId]).toBe('corr-b1');
    expect(commandOf(reserve)).toMatchObject({
      saga: 'orderFulfilment',
      instanceId: 'b1',
      role: 'forward',
      target: 'inventory',
      command: { type: 'ReserveStock', data: { orderId: 'b1' } },
      compensation: { target: 'inventory', type: 'ReleaseReservation' },
    });
    const [authorise] = payments as [IncomingMessage];
    expect(commandOf(authorise)).toMatchObject({ target: 'payments', command: { type: 'AuthorisePayment' } });
    expect(commandOf(authorise).commandId).not.toBe(commandOf(reserve).commandId);
  });
});
