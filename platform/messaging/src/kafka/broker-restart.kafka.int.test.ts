import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killBroker, startBroker, stopBroker, type BrokerOptions } from '../../../../scripts/kafka/broker.js';
import type { IncomingMessage } from '../bus.js';
import type { KafkaConsumerErrorContext } from './kafka-bus-options.js';
import { createKafkaBus } from './kafka-bus.js';
import { collectInto, freePort, textMessage, textOf, unique, waitFor } from './kafka-test-helpers.js';

// A broker of its own (own ports, own directory), so that killing it never disturbs the shared one.
let layout: BrokerOptions = { dir: '' };
let bootstrap = '';
beforeAll(async () => {
  layout = {
    dir: await mkdtemp(join(tmpdir(), 'omnistream-kafka-')),
    port: await freePort(),
    controllerPort: await freePort(),
  };
  const broker = await startBroker(layout);
  expect(broker.alreadyRunning).toBe(false);
  bootstrap = broker.bootstrap;
}, 120_000);
afterAll(async () => {
  if (layout.dir === '') return;
  await stopBroker({ dir: layout.dir });
  await rm(layout.dir, { recursive: true, force: true });
}, 60_000);

const numbered = (topic: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => textMessage(topic, `k-${(from + i) % 7}`, String(from + i)));
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));

describe('a broker started through the programmatic API', () => {
  it('keeps acknowledged messages through a SIGKILL and a restart', { timeout: 180_000 }, async () => {
    expect((await startBroker(layout)).alreadyRunning).toBe(true);
    const topic = unique('durable');
    const before = createKafkaBus({ brokers: [bootstrap], clientId: 'restart-test' });
    await before.provision([{ name: topic, partitions: 2, replicationFactor: 1 }]);
    await before.publish(numbered(topic, 0, 100));
    await before.close();

    expect(await killBroker(layout)).toBe(true);
    await startBroker(layout);

    const after = createKafkaBus({ brokers: [bootstrap], clientId: 'restart-test', retryDelayMs: 200 });
    const received: IncomingMessage[] = [];
    const consumer = await after.consume({
      group: unique('g'),
      topics: [topic],
      handle: collectInto(received),
    });
    await waitFor('the 100 messages produced before the crash', () => received.length >= 100, 60_000);
    await consumer.stop();
    await after.close();
    expect(received.map(textOf).sort()).toEqual(range(0, 100).sort());
  });

  it(
    'lets a running consumer and a publisher carry on after the broker is killed and restarted',
    { timeout: 240_000 },
    async () => {
      const errors: KafkaConsumerErrorContext[] = [];
      const bus = createKafkaBus({
        brokers: [bootstrap],
        clientId: 'outage-test',
        retryDelayMs: 200,
        sessionTimeoutMs: 6_000,
        onConsumerError: (_error, context) => errors.push(context),
      });
      const reported = (during: KafkaConsumerErrorContext['during']) =>
        errors.some((e) => e.during === during);
      const topic = unique('outage');
      await bus.provision([{ name: topic, partitions: 2, replicationFactor: 1 }]);
      const received: IncomingMessage[] = [];
      const consumer = await bus.consume({
        group: unique('g'),
        topics: [topic],
        handle: collectInto(received),
      });
      await bus.publish(numbered(topic, 0, 20));
      await waitFor('the messages published before the outage', () => received.length >= 20);
      await waitFor('their commits', async () => (await consumer.lag()).every((p) => p.lag === 0));

      expect(await killBroker(layout)).toBe(true);
      const failedAt = performance.now();
      await expect(bus.publish(numbered(topic, 20, 5))).rejects.toThrow();
      // Bounded by the client's retries, not hanging until the broker is back.
      expect(performance.now() - failedAt).toBeLessThan(30_000);
      // Down long enough for the fetch loop and the heartbeats to run out of retries, not only to ride it out.
      await waitFor('the outage to be reported', () => reported('fetch') && reported('group'), 60_000);
      await startBroker(layout);

      await bus.publish(numbered(topic, 20, 5));
      await waitFor('the messages published after the restart', () => received.length >= 25, 90_000);
      await waitFor('their commits', async () => (await consumer.lag()).every((p) => p.lag === 0), 30_000);
      const stopping = performance.now();
      await consumer.stop();
      expect(performance.now() - stopping).toBeLessThan(5_000);
      await bus.close();
      // Committed before the outage, so nothing from before it comes again; nothing after it is lost. Delivery is
      // at least once (the inbox dedupes): a message after the restart may come twice if its commit was lost to
      // the rejoin, so those are compared as a set.
      const texts = received.map(textOf);
      expect(texts.filter((t) => Number(t) < 20).sort()).toEqual(range(0, 20).sort());
      expect([...new Set(texts)].sort()).toEqual(range(0, 25).sort());
    },
  );

  it(
    'stops a consumer and closes the bus promptly while the broker is down',
    { timeout: 180_000 },
    async () => {
      const bus = createKafkaBus({ brokers: [bootstrap], clientId: 'stop-test', retryDelayMs: 200 });
      const topic = unique('stop');
      await bus.provision([{ name: topic, partitions: 1, replicationFactor: 1 }]);
      const consumer = await bus.consume({ group: unique('g'), topics: [topic], handle: collectInto([]) });
      expect(await killBroker(layout)).toBe(true);
      try {
        await new Promise((resolve) => setTimeout(resolve, 1_000)); // the fetch loop notices the outage
        const stopping = performance.now();
        await consumer.stop();
        await bus.close();
        expect(performance.now() - stopping).toBeLessThan(5_000);
      } finally {
        await startBroker(layout);
      }
    },
  );
});
