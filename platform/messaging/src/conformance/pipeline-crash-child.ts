/**
 * The whole embedded pipeline in one process (event store, outbox relay, in-process bus, consumer) that appends
 * public events until it is killed (`work`), or only drains the relay and the consumer and exits (`drain`). Driven
 * by pipeline-crash.int.test.ts, which kills it with SIGKILL mid-flight.
 */
import {
  createEventStore,
  openDatabase,
  platformMigrations,
  runMigrations,
  type DatabaseConfig,
} from '@omnistream/event-store';
import { startConsumer } from '../consumer/start-consumer.js';
import { EVENT_HEADERS } from '../event-headers.js';
import { createInProcessBus } from '../in-process/create-in-process-bus.js';
import { messagingMigrations } from '../messaging-schema.js';
import { ordersCodec } from '../outbox/orders-codec.fixture.js';
import { startOutboxRelay } from '../outbox/start-outbox-relay.js';

const [mode, configJson] = process.argv.slice(2);
const db = await openDatabase(JSON.parse(configJson ?? '{}') as DatabaseConfig);
await runMigrations(db, [...platformMigrations, ...messagingMigrations]);
await db.query(
  `create table if not exists omnistream.pipeline_effects (seq bigserial primary key, event_id text not null, key text not null)`,
);
const store = createEventStore(db);
const bus = createInProcessBus(db, { pollIntervalMs: 20, batchSize: 20 });
await bus.provision([{ name: 'orders.order', partitions: 3, replicationFactor: 1 }]);
const relay = startOutboxRelay({ store, bus, codec: ordersCodec(), batchSize: 15, pollIntervalMs: 20 });
const consumer = await startConsumer({
  bus,
  db,
  group: 'pipeline',
  topics: ['orders.order'],
  handle: async (message, tx) => {
    await tx.query('insert into omnistream.pipeline_effects (event_id, key) values ($1, $2)', [
      message.headers[EVENT_HEADERS.eventId],
      message.key,
    ]);
  },
});

if (mode === 'drain') {
  await relay.subscription.caughtUp();
  while ((await consumer.lag()).some((partition) => partition.lag > 0))
    await new Promise((resolve) => setTimeout(resolve, 20));
  await consumer.stop();
  await relay.stop();
  await bus.close();
  await store.close();
  await db.close();
  process.stdout.write('drained\n');
  process.exit(0);
}

for (let batch = 0; ; batch += 1) {
  const events = Array.from({ length: 1 + (batch % 3) }, (_, n) => ({
    type: 'OrderPlaced',
    data: { total: n },
  }));
  await store.append(`order-${batch % 7}`, events);
  await store.append(`cart-${batch % 5}`, [{ type: 'ItemAdded', data: {} }]); // private: never published
  if (batch % 10 === 0) process.stdout.write(`progress ${batch}\n`);
}
