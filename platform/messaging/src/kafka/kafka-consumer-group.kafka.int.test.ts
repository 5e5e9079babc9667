import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, IncomingMessage } from '../bus.js';
import { createKafkaBus } from './kafka-bus.js';
import { collectInto, freshTopic, textMessage, textOf, unique, waitFor } from './kafka-test-helpers.js';

const brokers = (process.env.OMNISTREAM_TEST_KAFKA_BROKERS ?? '').split(',');
let bus: Bus;

beforeAll(() => {
  bus = createKafkaBus({ brokers, clientId: 'group-test', retryDelayMs: 200, sessionTimeoutMs: 6_000 });
});
afterAll(() => bus.close());

const numbered = (topic: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => textMessage(topic, `key-${(from + i) % 16}`, String(from + i)));

describe('consumer groups on Kafka', () => {
  it('share partitions between two members and resume after the last commit, losing and re-reading nothing', async () => {
    const topic = await freshTopic(bus, 4);
    const group = unique('g');
    await bus.publish(numbered(topic, 0, 200));
    const byMember: string[][] = [[], []];
    const member = (index: number) =>
      bus.consume({
        group,
        topics: [topic],
        handle: async (messages) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          byMember[index]?.push(...messages.map(textOf));
        },
      });
    const first = await member(0);
    const second = await member(1);
    await bus.publish(numbered(topic, 200, 200));
    const distinct = () => new Set([...(byMember[0] ?? []), ...(byMember[1] ?? [])]).size;
    await waitFor('all 400 messages handled', () => distinct() === 400, 45_000);
    await Promise.all([first.stop(), second.stop()]);
    expect(byMember[0]?.length).toBeGreaterThan(0);
    expect(byMember[1]?.length).toBeGreaterThan(0);

    await bus.publish(numbered(topic, 400, 50));
    const resumed: IncomingMessage[] = [];
    const third = await bus.consume({ group, topics: [topic], handle: collectInto(resumed) });
    await waitFor('the 50 new messages', () => resumed.length >= 50);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // anything re-read would show up by now
    await third.stop();
    expect(resumed.map(textOf).sort()).toEqual(Array.from({ length: 50 }, (_, i) => String(400 + i)).sort());
  });

  it('hands the same messages again after the handler rejects, and commits only once it resolves', async () => {
    const topic = await freshTopic(bus, 1);
    await bus.publish(numbered(topic, 0, 5));
    const deliveries: string[][] = [];
    const consumer = await bus.consume({
      group: unique('g'),
      topics: [topic],
      handle: (messages) => {
        deliveries.push(messages.map((m) => m.offset));
        return deliveries.length === 1
          ? Promise.reject(new Error('the database is down'))
          : Promise.resolve();
      },
    });
    await waitFor('a second delivery', () => deliveries.length >= 2);
    await waitFor('no lag', async () => (await consumer.lag()).every((p) => p.lag === 0));
    await consumer.stop();
    expect(deliveries[1]).toEqual(deliveries[0]);
    expect(deliveries[0]).toEqual(['0', '1', '2', '3', '4']);
  });

  it('reports lag per partition as log end minus committed offset', async () => {
    const topic = await freshTopic(bus, 2);
    const group = unique('g');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const consumer = await bus.consume({
      group,
      topics: [topic],
      handle: () => {
        calls++;
        return gate;
      },
    });
    await bus.publish([
      ...Array.from({ length: 7 }, (_, i) => ({ ...textMessage(topic, 'a', String(i)) })),
      ...Array.from({ length: 3 }, (_, i) => ({ ...textMessage(topic, 'b', String(i)) })),
    ]);
    await waitFor('the handler to hold a batch', () => calls > 0);
    const held = await consumer.lag();
    expect(held.map((p) => p.partition).sort()).toEqual([0, 1]);
    expect(held.reduce((sum, p) => sum + p.lag, 0)).toBe(10);
    expect(held.every((p) => p.group === group && p.topic === topic)).toBe(true);
    release();
    await waitFor('lag to reach zero', async () => (await consumer.lag()).every((p) => p.lag === 0));
    await consumer.stop();
  });

  it('starts a new group at the end of the log when asked for latest', async () => {
    const topic = await freshTopic(bus, 1);
    await bus.publish(numbered(topic, 0, 3));
    const received: IncomingMessage[] = [];
    const consumer = await bus.consume({
      group: unique('g'),
      topics: [topic],
      startFrom: 'latest',
      handle: collectInto(received),
    });
    // The group's position is resolved in the background; give it a moment before the new message arrives.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await bus.publish(numbered(topic, 3, 1));
    await waitFor('the new message', () => received.length >= 1);
    await consumer.stop();
    expect(received.map(textOf)).toEqual(['3']);
  });
});
