import { describe, expect, it } from 'vitest';
import type { Bus, ConsumeOptions, IncomingMessage, OutgoingMessage, TopicSpec } from './bus.js';
import { namespacedBus } from './namespaced-bus.js';

/** A bus that records what reaches the broker side and can hand a consumer a message as the broker would. */
const recordingBus = () => {
  const provisioned: TopicSpec[] = [];
  const published: OutgoingMessage[] = [];
  const consumers: ConsumeOptions[] = [];
  const bus: Bus = {
    kind: 'kafka',
    provision: (topics) => Promise.resolve(void provisioned.push(...topics)),
    publish: (messages) => {
      published.push(...messages);
      return Promise.resolve(
        messages.map((m) => ({ topic: m.topic, partition: 0, offset: '0', timestamp: new Date(0) })),
      );
    },
    consume: (options) => {
      consumers.push(options);
      return Promise.resolve({
        group: options.group,
        lag: () =>
          Promise.resolve([{ group: options.group, topic: options.topics[0] ?? '', partition: 0, lag: 3 }]),
        stop: () => Promise.resolve(),
      });
    },
    close: () => Promise.resolve(),
  };
  return { bus, provisioned, published, consumers };
};

describe('namespacedBus', () => {
  it('prefixes topics and groups on the broker side and strips them on the way back', async () => {
    const broker = recordingBus();
    const bus = namespacedBus(broker.bus, 'staging');
    await bus.provision([{ name: 'orders.order', partitions: 3, replicationFactor: 1 }]);
    await bus.publish([{ topic: 'orders.order', key: 'order-1', value: new Uint8Array([0]), headers: {} }]);
    const seen: IncomingMessage[] = [];
    const running = await bus.consume({
      group: 'billing',
      topics: ['orders.order'],
      handle: (messages) => Promise.resolve(void seen.push(...messages)),
    });
    expect(broker.provisioned.map((topic) => topic.name)).toEqual(['staging.orders.order']);
    expect(broker.published.map((message) => message.topic)).toEqual(['staging.orders.order']);
    expect(broker.consumers[0]).toMatchObject({ group: 'staging.billing', topics: ['staging.orders.order'] });
    await broker.consumers[0]?.handle([
      {
        topic: 'staging.orders.order',
        key: 'order-1',
        value: new Uint8Array([0]),
        headers: {},
        partition: 0,
        offset: '0',
        timestamp: new Date(0),
      },
    ]);
    expect(seen.map((message) => message.topic)).toEqual(['orders.order']);
    expect(running.group).toBe('billing');
    expect(await running.lag()).toEqual([{ group: 'billing', topic: 'orders.order', partition: 0, lag: 3 }]);
  });

  it('refuses a namespace that cannot prefix a topic name', () => {
    expect(() => namespacedBus(recordingBus().bus, 'Bad Name')).toThrow(/lower-case letters/);
  });
});
