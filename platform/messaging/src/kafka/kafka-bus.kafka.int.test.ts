import { Admin } from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, IncomingMessage } from '../bus.js';
import { createKafkaBus } from './kafka-bus.js';
import { collectInto, freshTopic, textMessage, textOf, unique, waitFor } from './kafka-test-helpers.js';

const brokers = (process.env.OMNISTREAM_TEST_KAFKA_BROKERS ?? '').split(',');
const errors: Error[] = [];
let bus: Bus;
let admin: Admin;

beforeAll(() => {
  bus = createKafkaBus({
    brokers,
    clientId: 'bus-test',
    retryDelayMs: 200,
    onConsumerError: (e) => errors.push(e),
  });
  admin = new Admin({ clientId: 'bus-test-admin', bootstrapBrokers: brokers });
});
afterAll(async () => {
  await bus.close();
  await admin.close();
});

describe('the Kafka bus', () => {
  it('provisions missing topics and leaves existing ones as they are', async () => {
    const name = unique('provision');
    const spec = {
      name,
      partitions: 3,
      replicationFactor: 1,
      retentionMs: 3_600_000,
      config: { 'cleanup.policy': 'delete' },
    };
    await bus.provision([spec]);
    await bus.provision([spec, { ...spec, partitions: 1 }]);
    const metadata = await admin.metadata({ topics: [name] });
    expect(metadata.topics.get(name)?.partitionsCount).toBe(3);
    const [described] = await admin.describeConfigs({ resources: [{ resourceType: 2, resourceName: name }] });
    const retention = described?.configs.find((config) => config.name === 'retention.ms');
    expect(retention?.value).toBe('3600000');
  });

  it('delivers published messages with their keys, headers, offsets and timestamps', async () => {
    const topic = await freshTopic(bus, 1);
    await bus.publish([
      textMessage(topic, 'order-1', 'first', { 'event-type': 'OrderPlaced', 'correlation-id': 'c-1' }),
      textMessage(topic, 'order-2', 'second', {}),
    ]);
    const received: IncomingMessage[] = [];
    const consumer = await bus.consume({
      group: unique('g'),
      topics: [topic],
      handle: collectInto(received),
    });
    await waitFor('two messages', () => received.length === 2);
    await consumer.stop();
    expect(received.map((m) => [m.key, textOf(m), m.offset, m.partition])).toEqual([
      ['order-1', 'first', '0', 0],
      ['order-2', 'second', '1', 0],
    ]);
    expect(received[0]?.headers).toEqual({ 'event-type': 'OrderPlaced', 'correlation-id': 'c-1' });
    expect(received[0]?.timestamp).toBeInstanceOf(Date);
    expect(Math.abs((received[0]?.timestamp.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('keeps every key in order across partitions and never hands one partition two batches at once', async () => {
    const topic = await freshTopic(bus, 4);
    const keys = Array.from({ length: 20 }, (_, k) => `stream-${k}`);
    await Promise.all(
      Array.from({ length: 10 }, (_, round) =>
        bus.publish(
          keys.flatMap((key) => [0, 1, 2].map((i) => textMessage(topic, key, String(round * 3 + i)))),
        ),
      ),
    );
    // Concurrent publishes may interleave rounds, so the order to expect is the order of offsets within a partition.
    const seen = new Map<string, string[]>();
    const active = new Set<number>();
    let overlaps = 0;
    let total = 0;
    const consumer = await bus.consume({
      group: unique('g'),
      topics: [topic],
      handle: async (messages) => {
        const partition = messages[0]?.partition ?? -1;
        if (active.has(partition)) overlaps++;
        active.add(partition);
        await new Promise((resolve) => setTimeout(resolve, 5));
        for (const m of messages) seen.set(m.key ?? '', [...(seen.get(m.key ?? '') ?? []), m.offset]);
        total += messages.length;
        active.delete(partition);
      },
    });
    await waitFor('600 messages', () => total >= 600);
    await consumer.stop();
    expect(total).toBe(600);
    expect(overlaps).toBe(0);
    for (const key of keys) {
      const offsets = (seen.get(key) ?? []).map(BigInt);
      expect(offsets).toHaveLength(30);
      expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });
});
