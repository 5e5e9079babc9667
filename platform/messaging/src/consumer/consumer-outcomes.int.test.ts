import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import {
  createEffectsTable,
  eventMessage,
  eventually,
  recordEffect,
  uniqueName,
} from '../conformance/conformance-fixture.js';
import { redriveDeadLetter } from '../dead-letters/dead-letter-actions.js';
import { listDeadLetters } from '../dead-letters/dead-letter-queries.js';
import { createInProcessBus, type InProcessBus } from '../in-process/create-in-process-bus.js';
import { messagingMigrations } from '../messaging-schema.js';
import type { ConsumerOutcome } from './consumer-outcome.js';
import { startConsumer, type Consumer } from './start-consumer.js';

const fast = { attempts: 3, initialDelayMs: 5, maxDelayMs: 10, jitter: 'none' } as const;
const body = (value: Uint8Array) => new TextDecoder().decode(value);
const summary = (outcomes: readonly ConsumerOutcome[]) =>
  outcomes.map((o) => [body(o.message.value), o.outcome, o.attempt, o.error ?? null]);

describe.each(testDatabases())('consumer outcomes on $name', (target) => {
  let opened: OpenedTestDatabase;
  let bus: InProcessBus;
  const running: Consumer[] = [];
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, ...messagingMigrations] });
    await createEffectsTable(opened.db);
    bus = createInProcessBus(opened.db, { pollIntervalMs: 50 });
  });
  afterAll(async () => {
    for (const consumer of running) await consumer.stop();
    await bus.close();
    await opened.close();
  });

  const consume = async (
    topic: string,
    group: string,
    handle: Parameters<typeof startConsumer>[0]['handle'],
    onOutcome: (outcome: ConsumerOutcome) => void,
    batch = false,
  ) => {
    await bus.provision([{ name: topic, partitions: 1, replicationFactor: 1 }]);
    running.push(
      await startConsumer({
        bus,
        db: opened.db,
        group,
        topics: [topic],
        retry: fast,
        batch,
        deadLetterPollIntervalMs: 50,
        handle,
        onOutcome,
      }),
    );
  };

  it('reports retried, retried, then delivered for a handler that fails twice, after each commit', async () => {
    const [topic, group] = [uniqueName('outcomes.flaky'), uniqueName('g')];
    const outcomes: ConsumerOutcome[] = [];
    let calls = 0;
    await consume(
      topic,
      group,
      async (m, tx) => {
        calls += 1;
        if (calls <= 2) throw new Error(`flaky ${calls}`);
        await recordEffect(tx, group, m);
      },
      (outcome) => outcomes.push(outcome),
    );
    await bus.publish([eventMessage(topic, 'k', 'once', 'evt-flaky')]);
    await eventually(() => Promise.resolve(outcomes.some((o) => o.outcome === 'delivered')));
    expect(summary(outcomes)).toEqual([
      ['once', 'retried', 1, 'flaky 1'],
      ['once', 'retried', 2, 'flaky 2'],
      ['once', 'delivered', 3, null],
    ]);
    expect(outcomes.every((o) => o.group === group && o.message.headers['event-id'] === 'evt-flaky')).toBe(
      true,
    );
  });

  it('reports dead-lettered once the last attempt fails, and delivered when the redriven message is handled', async () => {
    const [topic, group] = [uniqueName('outcomes.poison'), uniqueName('g')];
    const outcomes: ConsumerOutcome[] = [];
    let healed = false;
    await consume(
      topic,
      group,
      async (m, tx) => {
        if (!healed) throw new Error('poison');
        await recordEffect(tx, group, m);
      },
      (outcome) => outcomes.push(outcome),
    );
    await bus.publish([eventMessage(topic, 'k', 'bad')]);
    await eventually(() => Promise.resolve(outcomes.some((o) => o.outcome === 'dead-lettered')));
    expect(summary(outcomes)).toEqual([
      ['bad', 'retried', 1, 'poison'],
      ['bad', 'retried', 2, 'poison'],
      ['bad', 'dead-lettered', 3, 'poison'],
    ]);
    const [letter] = (await listDeadLetters(opened.db, { group })).deadLetters;
    expect(letter?.status).toBe('parked');
    healed = true;
    await redriveDeadLetter(opened.db, letter?.id ?? '', { actor: 'test' });
    await eventually(() => Promise.resolve(outcomes.length === 4));
    expect(summary(outcomes).at(-1)).toEqual(['bad', 'delivered', 1, null]);
  });

  it('reports each message of a committed batch as delivered', async () => {
    const [topic, group] = [uniqueName('outcomes.batch'), uniqueName('g')];
    const outcomes: ConsumerOutcome[] = [];
    await bus.provision([{ name: topic, partitions: 1, replicationFactor: 1 }]);
    await bus.publish(['a', 'b', 'c'].map((b) => eventMessage(topic, `k-${b}`, b)));
    await consume(
      topic,
      group,
      (m, tx) => recordEffect(tx, group, m),
      (o) => outcomes.push(o),
      true,
    );
    await eventually(() => Promise.resolve(outcomes.length >= 3));
    expect(summary(outcomes).sort()).toEqual([
      ['a', 'delivered', 1, null],
      ['b', 'delivered', 1, null],
      ['c', 'delivered', 1, null],
    ]);
  });

  it('keeps consuming when the observer throws', async () => {
    const [topic, group] = [uniqueName('outcomes.throws'), uniqueName('g')];
    let told = 0;
    await consume(
      topic,
      group,
      (m, tx) => recordEffect(tx, group, m),
      () => {
        told += 1;
        throw new Error('observer broke');
      },
    );
    await bus.publish([eventMessage(topic, 'k', 'one'), eventMessage(topic, 'k', 'two')]);
    await eventually(() => Promise.resolve(told >= 2));
    expect(told).toBe(2);
    expect((await listDeadLetters(opened.db, { group })).deadLetters).toEqual([]);
  });
});
