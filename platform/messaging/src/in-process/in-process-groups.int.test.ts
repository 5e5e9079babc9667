import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { platformMigrations } from '@omnistream/event-store';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import type { IncomingMessage } from '../bus.js';
import { eventMessage, eventually, uniqueName } from '../conformance/conformance-fixture.js';
import { startConsumer } from '../consumer/start-consumer.js';
import { messagingMigrations } from '../messaging-schema.js';
import { createInProcessBus, type InProcessBus } from './create-in-process-bus.js';

describe.each(testDatabases())('in-process consumer groups on $name', (target) => {
  let opened: OpenedTestDatabase;
  let bus: InProcessBus;
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, ...messagingMigrations] });
    bus = createInProcessBus(opened.db, { pollIntervalMs: 50, standbyIntervalMs: 100 });
  });
  afterAll(async () => {
    await bus.close();
    await opened.close();
  });

  it('reports lag per partition until the group has committed past every message', async () => {
    const [topic, group] = [uniqueName('lag'), uniqueName('g')];
    await bus.provision([{ name: topic, partitions: 2, replicationFactor: 1 }]);
    await bus.publish(Array.from({ length: 6 }, (_, i) => eventMessage(topic, `k-${i}`, `m-${i}`)));
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = await bus.consume({ group, topics: [topic], handle: () => gate });
    const before = await running.lag();
    expect(before.map((p) => p.partition)).toEqual([0, 1]);
    expect(before.reduce((sum, p) => sum + p.lag, 0)).toBe(6);
    release();
    await eventually(async () => (await running.lag()).every((p) => p.lag === 0));
    await running.stop();
  });

  it('starts a new group at the end of each partition when asked for the latest messages', async () => {
    const [topic, group] = [uniqueName('latest'), uniqueName('g')];
    await bus.publish([eventMessage(topic, 'k', 'old')]);
    const seen: string[] = [];
    const running = await bus.consume({
      group,
      topics: [topic],
      startFrom: 'latest',
      handle: (messages) => {
        seen.push(...messages.map((m) => new TextDecoder().decode(m.value)));
        return Promise.resolve();
      },
    });
    await eventually(async () => (await running.lag()).every((p) => p.lag === 0));
    await bus.publish([eventMessage(topic, 'k', 'new')]);
    await eventually(() => Promise.resolve(seen.length > 0));
    expect(seen).toEqual(['new']);
    await running.stop();
  });

  it('keeps one active member per group; a standby takes over when it stops', async () => {
    const [topic, group] = [uniqueName('standby'), uniqueName('g')];
    const by: Record<string, string[]> = { first: [], second: [] };
    const member = (name: string) => (messages: readonly IncomingMessage[]) => {
      by[name]?.push(...messages.map((m) => new TextDecoder().decode(m.value)));
      return Promise.resolve();
    };
    const first = await bus.consume({ group, topics: [topic], handle: member('first') });
    const second = await bus.consume({ group, topics: [topic], handle: member('second') });
    await bus.publish([eventMessage(topic, 'k', 'a')]);
    await eventually(() => Promise.resolve(by.first!.length + by.second!.length === 1));
    const active = by.first!.length === 1 ? first : second;
    await active.stop();
    await bus.publish([eventMessage(topic, 'k', 'b')]);
    await eventually(() => Promise.resolve(by.first!.length + by.second!.length === 2));
    expect([...by.first!, ...by.second!].sort()).toEqual(['a', 'b']);
    await (active === first ? second : first).stop();
  });

  it('exposes lag, retries and dead letters as metrics', async () => {
    const [topic, group] = [uniqueName('metrics'), uniqueName('g')];
    const metrics = new Registry();
    const consumer = await startConsumer({
      bus,
      db: opened.db,
      group,
      topics: [topic],
      metrics,
      retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 1, jitter: 'none' },
      handle: () => Promise.reject(new Error('always')),
    });
    await bus.publish([eventMessage(topic, 'k', 'x'), eventMessage(topic, 'k', 'y')]);
    await eventually(async () => (await consumer.lag()).every((p) => p.lag === 0));
    const text = await metrics.metrics();
    expect(text).toContain(`omnistream_consumer_lag{group="${group}",topic="${topic}",partition="0"} 0`);
    expect(text).toContain(`omnistream_consumer_retries_total{group="${group}",topic="${topic}"} 1`);
    expect(text).toContain(`omnistream_dead_letters_parked_total{group="${group}",topic="${topic}"} 1`);
    expect(text).toContain(`omnistream_dead_letters{group="${group}",topic="${topic}",status="parked"} 1`);
    expect(text).toContain(`omnistream_dead_letters{group="${group}",topic="${topic}",status="waiting"} 1`);
    await consumer.stop();
  });
});
