/**
 * The latency case's consumer, in a process of its own as in the distributed shape: the consumer runtime (inbox
 * and handler in one PostgreSQL transaction per message, or per batch in batch mode) or the bare Kafka adapter. Reports each message's event id
 * and arrival time (wall clock) to its parent over IPC, a batch every few milliseconds.
 */
import { openPostgresDatabase } from '@omnistream/event-store';
import { EVENT_HEADERS, startConsumer } from '@omnistream/messaging';
import { createKafkaBus } from '@omnistream/messaging/kafka';
import { wallClock } from './arrivals.js';

interface Config {
  readonly mode: 'runtime' | 'batch' | 'bare';
  readonly postgresUrl: string;
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly group: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
const send = (message: unknown) => process.send?.(message);
let pending: [string, number][] = [];
const flush = setInterval(() => {
  if (pending.length === 0) return;
  send({ arrived: pending });
  pending = [];
}, 5);
const arrived = (id: string | undefined) => {
  if (id !== undefined) pending.push([id, wallClock()]);
};

const bus = createKafkaBus({ brokers: config.brokers, clientId: 'omnistream-bench-consumer' });
// The runtime in both of its modes (per message, per batch) writes to PostgreSQL; only the ceiling does not.
const db =
  config.mode === 'bare'
    ? undefined
    : await openPostgresDatabase({ url: config.postgresUrl, maxConnections: 10 });
const consumer =
  db === undefined
    ? await bus.consume({
        group: config.group,
        topics: [config.topic],
        startFrom: 'latest',
        handle: (messages) => {
          for (const message of messages) arrived(message.headers[EVENT_HEADERS.eventId]);
          return Promise.resolve();
        },
      })
    : await startConsumer({
        bus,
        db,
        group: config.group,
        topics: [config.topic],
        startFrom: 'latest',
        batch: config.mode === 'batch',
        handle: (message) => {
          arrived(message.headers[EVENT_HEADERS.eventId]);
          return Promise.resolve();
        },
      });
send({ ready: true });
process.on('message', (message: { stop?: boolean }) => {
  if (message.stop !== true) return;
  void (async () => {
    await consumer.stop();
    await bus.close();
    await db?.close();
    clearInterval(flush);
    if (pending.length > 0) send({ arrived: pending });
    process.disconnect();
  })();
});
