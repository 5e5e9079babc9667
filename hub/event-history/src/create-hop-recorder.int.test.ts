import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import { fixedClock } from '@omnistream/kernel';
import {
  createInProcessBus,
  messagingMigrations,
  startConsumer,
  type Consumer,
  type InProcessBus,
} from '@omnistream/messaging';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createEventHistory, type EventHistory } from './create-event-history.js';
import { createHopRecorder } from './create-hop-recorder.js';
import { eventHistorySchema } from './event-history-schema.js';
import { message, plainJson, publicEvent } from './message.fixture.js';

const waitFor = async (check: () => Promise<boolean>, what: string): Promise<void> => {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe.each(testDatabases())('the hop recorder on $name', (database) => {
  let opened: OpenedTestDatabase;
  let bus: InProcessBus;
  let history: EventHistory;
  let consumer: Consumer | undefined;
  beforeEach(async () => {
    opened = await database.open({
      migrations: [...platformMigrations, ...messagingMigrations, eventHistorySchema],
    });
    bus = createInProcessBus(opened.db, { pollIntervalMs: 50 });
    history = createEventHistory({ db: opened.db });
  });
  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
    await bus.close();
    await opened.close();
  });

  it("records a consumer's retries and delivery as hops of the event's journey", async () => {
    const published = publicEvent('evt-hop-1', { correlationId: 'journey-1', topic: 'orders.paid' });
    await history.index([published]);
    await bus.provision([{ name: 'orders.paid', partitions: 1, replicationFactor: 1 }]);
    await bus.publish([
      { topic: published.topic, key: published.key, value: published.value, headers: published.headers },
    ]);
    const recorder = createHopRecorder(history, { flushIntervalMs: 20 });
    let calls = 0;
    consumer = await startConsumer({
      bus,
      db: opened.db,
      group: 'shipping',
      topics: ['orders.paid'],
      retry: { attempts: 3, initialDelayMs: 5, maxDelayMs: 10, jitter: 'none' },
      handle: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('carrier down')) : Promise.resolve();
      },
      onOutcome: recorder.observe,
    });
    const consumerHops = async () =>
      (await history.journey('journey-1')).events[0]?.hops.filter((h) => h.hop === 'consumer') ?? [];
    await waitFor(async () => (await consumerHops()).length >= 2, 'the consumer hops');
    await recorder.close();
    const journey = await history.journey('journey-1');
    expect(journey.events.map((e) => e.id)).toEqual(['evt-hop-1']);
    expect(journey.events[0]?.hops.map((h) => [h.hop, h.component, h.outcome, h.attempt, h.error])).toEqual([
      ['relay', 'orders.paid', 'published', null, null],
      ['consumer', 'shipping', 'retried', 1, 'carrier down'],
      ['consumer', 'shipping', 'delivered', 2, null],
    ]);
  });

  it('files the hops of a message without an event id under its coordinates, one write per flush', async () => {
    const proxied = message({
      topic: 'hub.clicks',
      partition: 2,
      offset: '41',
      value: plainJson({ click: 1 }),
      headers: { 'correlation-id': 'journey-2' },
    });
    await history.index([proxied]);
    const writes: number[] = [];
    const clock = fixedClock('2026-01-01T10:00:05Z');
    const recorder = createHopRecorder(
      {
        recordHops: async (hops) => {
          writes.push(hops.length);
          await history.recordHops(hops);
        },
      },
      { flushIntervalMs: 60_000, clock },
    );
    recorder.observe({ group: 'analytics', message: proxied, outcome: 'retried', attempt: 1, error: 'x' });
    clock.advance(1000);
    recorder.observe({ group: 'analytics', message: proxied, outcome: 'delivered', attempt: 2 });
    expect(writes).toEqual([]); // buffered, not written by observe
    await recorder.flush();
    await recorder.close();
    expect(writes).toEqual([2]);
    const [event] = (await history.journey('journey-2')).events;
    expect(event?.id).toBe('hub.clicks/2/41');
    expect(event?.hops.map((h) => [h.hop, h.outcome, h.at.toISOString()])).toEqual([
      ['proxy', 'published', '2026-01-01T10:00:00.000Z'],
      ['consumer', 'retried', '2026-01-01T10:00:05.000Z'],
      ['consumer', 'delivered', '2026-01-01T10:00:06.000Z'],
    ]);
  });

  it('writes a full batch at once, and logs a failed write instead of throwing', async () => {
    const warnings: unknown[] = [];
    let writes = 0;
    const recorder = createHopRecorder(
      {
        recordHops: () => {
          writes += 1;
          return Promise.reject(new Error('database away'));
        },
      },
      {
        flushIntervalMs: 60_000,
        maxBatch: 2,
        logger: { warn: (...args: unknown[]) => warnings.push(args) } as never,
      },
    );
    const outcome = { group: 'g', message: message(), outcome: 'delivered', attempt: 1 } as const;
    recorder.observe(outcome);
    recorder.observe(outcome); // the second fills the batch: written without waiting for the timer
    await recorder.flush();
    expect(writes).toBe(1);
    expect(warnings).toHaveLength(1);
    await expect(recorder.close()).resolves.toBeUndefined();
  });
});
