import { Admin } from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import type { Bus } from '../bus.js';
import {
  createEffectsTable,
  effectsOf,
  eventMessage,
  uniqueName,
} from '../conformance/conformance-fixture.js';
import { recordEffect } from '../conformance/conformance-fixture.js';
import { startConsumer } from '../consumer/start-consumer.js';
import { listDeadLetters } from '../dead-letters/dead-letter-queries.js';
import { messagingMigrations } from '../messaging-schema.js';
import type { KafkaConsumerErrorContext } from './kafka-bus-options.js';
import { createKafkaBus } from './kafka-bus.js';
import { waitFor } from './kafka-test-helpers.js';

const brokers = (process.env.OMNISTREAM_TEST_KAFKA_BROKERS ?? '').split(',');
// The broker's smallest allowed session (group.min.session.timeout.ms); the handler below takes twice as long.
const sessionTimeoutMs = 6_000;

describe.each(testDatabases())('a long handler on Kafka with its inbox on $name', (target) => {
  let opened: OpenedTestDatabase;
  let bus: Bus;
  let admin: Admin;
  const errors: { readonly error: Error; readonly context: KafkaConsumerErrorContext }[] = [];
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, ...messagingMigrations] });
    await createEffectsTable(opened.db);
    bus = createKafkaBus({
      brokers,
      clientId: 'long-handler-test',
      retryDelayMs: 200,
      sessionTimeoutMs,
      onConsumerError: (error, context) => errors.push({ error, context }),
    });
    admin = new Admin({ clientId: 'long-handler-test-admin', bootstrapBrokers: brokers });
  });
  afterAll(async () => {
    await bus.close();
    await admin.close();
    await opened.close();
  });

  const members = async (group: string) => {
    const described = (await admin.describeGroups({ groups: [group] })).get(group);
    return { state: described?.state, ids: [...(described?.members.keys() ?? [])] };
  };

  it(
    'keeps its membership while retries outlast the session, commits, and delivers nothing twice',
    { timeout: 90_000 },
    async () => {
      const [topic, group] = [uniqueName('long'), uniqueName('g')];
      await bus.provision([{ name: topic, partitions: 1, replicationFactor: 1 }]);
      const calls = new Map<string, number>();
      // Attempts at 0 s, 4 s and 12 s: the message is parked about twice the session timeout after it arrived.
      const consumer = await startConsumer({
        bus,
        db: opened.db,
        group,
        topics: [topic],
        retry: { attempts: 3, initialDelayMs: 4_000, maxDelayMs: 8_000, jitter: 'none' },
        deadLetterPollIntervalMs: 200,
        handle: async (message, tx) => {
          const body = new TextDecoder().decode(message.value);
          calls.set(body, (calls.get(body) ?? 0) + 1);
          if (body === 'slow-poison') throw new Error('still broken');
          await recordEffect(tx, group, message);
        },
      });
      await waitFor('the group to settle', async () => (await members(group)).state === 'STABLE');
      const before = await members(group);
      expect(before.ids).toHaveLength(1);

      const started = performance.now();
      await bus.publish([eventMessage(topic, 'sick', 'slow-poison'), eventMessage(topic, 'healthy', 'fine')]);
      // The other key is handled beside the slow one at once; the batch, and so its commit, waits for the slow one.
      await waitFor('the commit', async () => (await consumer.lag()).every((p) => p.lag === 0), 60_000);
      expect(performance.now() - started).toBeGreaterThan(2 * sessionTimeoutMs - 1_000);
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // room for a redelivery to show

      expect(await members(group)).toEqual({ state: 'STABLE', ids: before.ids });
      expect(Object.fromEntries(calls)).toEqual({ 'slow-poison': 3, fine: 1 });
      expect((await effectsOf(opened.db, group)).map((effect) => effect.body)).toEqual(['fine']);
      const { deadLetters } = await listDeadLetters(opened.db, { group });
      expect(deadLetters.map((letter) => [letter.status, letter.attempts])).toEqual([['parked', 3]]);
      expect(errors.filter((e) => e.context.group === group)).toEqual([]);
      await consumer.stop();
    },
  );
});
