import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore, platformMigrations } from '@omnistream/event-store';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import {
  createEffectsTable,
  effectsOf,
  eventMessage,
  eventually,
  recordEffect,
  uniqueName,
} from '../conformance/conformance-fixture.js';
import { listDeadLetters } from '../dead-letters/dead-letter-queries.js';
import { createInProcessBus, type InProcessBus } from '../in-process/create-in-process-bus.js';
import { messagingMigrations } from '../messaging-schema.js';
import { startConsumer, type Consumer } from './start-consumer.js';

const fast = { attempts: 2, initialDelayMs: 5, maxDelayMs: 10, jitter: 'none' } as const;
const body = (value: Uint8Array) => new TextDecoder().decode(value);

describe.each(testDatabases())('consumers in batch mode on $name', (target) => {
  let opened: OpenedTestDatabase;
  let bus: InProcessBus;
  const running: Consumer[] = [];
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, ...messagingMigrations] });
    await createEffectsTable(opened.db);
    bus = createInProcessBus(opened.db, { pollIntervalMs: 50, batchSize: 100 });
  });
  afterAll(async () => {
    for (const consumer of running) await consumer.stop();
    await bus.close();
    await opened.close();
  });

  const publishAll = async (topic: string, bodies: readonly string[], twice: readonly string[] = []) => {
    await bus.provision([{ name: topic, partitions: 2, replicationFactor: 1 }]);
    const messages = bodies.map((b, index) => eventMessage(topic, `k-${index % 5}`, b));
    await bus.publish([...messages, ...messages.filter((m) => twice.includes(body(m.value)))]);
  };

  it('applies a batch in one transaction, each message once, duplicates included', async () => {
    const [topic, group] = [uniqueName('batch.ok'), uniqueName('g')];
    const bodies = Array.from({ length: 40 }, (_, i) => `m${i}`);
    await publishAll(topic, bodies, ['m3', 'm17']);
    running.push(
      await startConsumer({
        bus,
        db: opened.db,
        group,
        topics: [topic],
        batch: true,
        retry: fast,
        handle: (m, tx) => recordEffect(tx, group, m),
      }),
    );
    await eventually(async () => (await effectsOf(opened.db, group)).length >= 40);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await effectsOf(opened.db, group)).map((e) => e.body).sort()).toEqual([...bodies].sort());
  });

  it('falls back to one message at a time when the batch fails: the bad one is parked, its key waits, the rest apply once', async () => {
    const [topic, group] = [uniqueName('batch.bad'), uniqueName('g')];
    const bodies = Array.from({ length: 20 }, (_, i) => `m${i}`);
    await publishAll(topic, bodies);
    running.push(
      await startConsumer({
        bus,
        db: opened.db,
        group,
        topics: [topic],
        batch: true,
        retry: fast,
        deadLetterPollIntervalMs: 50,
        handle: async (m, tx) => {
          await recordEffect(tx, group, m); // written, then rolled back with the failed batch
          if (body(m.value) === 'm6') throw new Error('poison');
        },
      }),
    );
    // m6 has key k-1: m11 and m16 (same key, later) wait behind it; everything else applies exactly once.
    const expected = bodies.filter((b) => !['m6', 'm11', 'm16'].includes(b)).sort();
    await eventually(async () => (await effectsOf(opened.db, group)).length >= expected.length);
    await eventually(async () => (await listDeadLetters(opened.db, { group })).deadLetters.length >= 3);
    expect((await effectsOf(opened.db, group)).map((e) => e.body).sort()).toEqual(expected);
    const letters = (await listDeadLetters(opened.db, { group })).deadLetters;
    expect(letters.map((l) => [body(l.message.value), l.status])).toEqual([
      ['m6', 'parked'],
      ['m11', 'waiting'],
      ['m16', 'waiting'],
    ]);
  });

  it('still works for a handler that appends to the event store, through the one-by-one path', async () => {
    const [topic, group] = [uniqueName('batch.append'), uniqueName('g')];
    const store = createEventStore(opened.db);
    const stream = `handled-${group.replace(/\W/g, '')}`;
    await publishAll(topic, ['a', 'b', 'c', 'd']);
    running.push(
      await startConsumer({
        bus,
        db: opened.db,
        group,
        topics: [topic],
        batch: true,
        retry: fast,
        handle: async (m, tx) => {
          await store.appendInTransaction(tx, [
            { streamId: stream, events: [{ type: 'Handled', data: { body: body(m.value) } }] },
          ]);
        },
      }),
    );
    await eventually(async () => (await store.streamVersion(stream)) >= 4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await store.readStream(stream)).map((e) => (e.data as { body: string }).body).sort()).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });
});
