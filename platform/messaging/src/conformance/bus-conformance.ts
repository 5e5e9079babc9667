import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createEventStore, type Database } from '@omnistream/event-store';
import type { Bus, IncomingMessage, OutgoingMessage } from '../bus.js';
import { partitionForKey } from '../in-process/partition-for-key.js';
import { startConsumer, type Consumer, type ConsumerOptions } from '../consumer/start-consumer.js';
import { listDeadLetters, showDeadLetter } from '../dead-letters/dead-letter-queries.js';
import { discardDeadLetter, redriveDeadLetter } from '../dead-letters/dead-letter-actions.js';
import {
  createEffectsTable,
  effectsOf,
  eventMessage,
  eventually,
  recordEffect,
  uniqueName,
} from './conformance-fixture.js';

export interface OpenedBus {
  readonly bus: Bus;
  /** The database of the inbox, the dead letters and the handlers' effects (needs the messaging migration). */
  readonly db: Database;
  close(): Promise<void>;
}

const fast = { attempts: 3, initialDelayMs: 5, maxDelayMs: 20, jitter: 'none' } as const;

/**
 * The consumer runtime's guarantees over any bus (DESIGN.md "Messaging"): run by every adapter's suite, so that
 * module code behaves the same in-process and on Kafka. Tests use topics and groups of their own.
 */
export const describeBusConformance = (name: string, openBus: () => Promise<OpenedBus>): void => {
  describe(`bus conformance: ${name}`, () => {
    let opened: OpenedBus;
    const running: Consumer[] = [];
    beforeAll(async () => {
      opened = await openBus();
      await createEffectsTable(opened.db);
    });
    afterAll(async () => {
      await Promise.all(running.map((consumer) => consumer.stop()));
      await opened.close();
    });

    const consume = async (
      group: string,
      topics: readonly string[],
      handle: (message: IncomingMessage) => void = () => {},
      extra: Partial<ConsumerOptions> = {},
    ) => {
      const consumer = await startConsumer({
        bus: opened.bus,
        db: opened.db,
        group,
        topics,
        retry: fast,
        deadLetterPollIntervalMs: 50,
        handle: async (message, tx) => {
          handle(message);
          await recordEffect(tx, group, message);
        },
        ...extra,
      });
      running.push(consumer);
      return consumer;
    };
    const bodies = async (group: string) => (await effectsOf(opened.db, group)).map((effect) => effect.body);
    const provision = (topic: string, partitions = 1) =>
      opened.bus.provision([{ name: topic, partitions, replicationFactor: 1 }]);
    const statusOf = async (group: string, body: string) =>
      (await listDeadLetters(opened.db, { group, limit: 500 })).deadLetters.find(
        (letter) => new TextDecoder().decode(letter.message.value) === body,
      );

    it('applies a message published twice with the same event id once', async () => {
      const [topic, group] = [uniqueName('conf.dup'), uniqueName('g')];
      await provision(topic);
      const twice = eventMessage(topic, 'k-1', 'b');
      await opened.bus.publish([eventMessage(topic, 'k-1', 'a'), twice]);
      await opened.bus.publish([twice, eventMessage(topic, 'k-1', 'c')]);
      await consume(group, [topic]);
      await eventually(async () => (await bodies(group)).length >= 3);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await bodies(group)).toEqual(['a', 'b', 'c']);
    });

    it('lets a handler append to the event store in the message transaction, once per message', async () => {
      const [topic, group] = [uniqueName('conf.append'), uniqueName('g')];
      const store = createEventStore(opened.db);
      const stream = `handled-${group.replace(/\W/g, '')}`;
      await provision(topic);
      const twice = eventMessage(topic, 'k-1', 'a');
      await opened.bus.publish([twice, twice, eventMessage(topic, 'k-2', 'b')]);
      await consume(group, [topic], () => {}, {
        handle: async (message, tx) => {
          const body = new TextDecoder().decode(message.value);
          await store.appendInTransaction(tx, [
            { streamId: stream, events: [{ type: 'Handled', data: { body } }] },
          ]);
        },
      });
      await eventually(async () => (await store.streamVersion(stream)) >= 2);
      await new Promise((resolve) => setTimeout(resolve, 200)); // room for a wrong second effect to show
      expect(
        (await store.readStream(stream)).map((event) => (event.data as { body: string }).body).sort(),
      ).toEqual(['a', 'b']);
    });

    it('retries a failing message with backoff and applies it once when it succeeds', async () => {
      const [topic, group] = [uniqueName('conf.retry'), uniqueName('g')];
      await provision(topic);
      const metrics = new Registry();
      let failures = 0;
      await consume(
        group,
        [topic],
        (message) => {
          if (new TextDecoder().decode(message.value) === 'flaky' && failures < 2) {
            failures += 1;
            throw new Error('not yet');
          }
        },
        { metrics },
      );
      await opened.bus.publish([eventMessage(topic, 'k', 'flaky'), eventMessage(topic, 'k', 'after')]);
      await eventually(async () => (await bodies(group)).length >= 2);
      expect(await bodies(group)).toEqual(['flaky', 'after']);
      expect((await listDeadLetters(opened.db, { group })).deadLetters).toEqual([]);
      const retries = await metrics.getSingleMetric('omnistream_consumer_retries_total')?.get();
      expect(retries?.values).toEqual([{ labels: { group, topic }, value: 2 }]);
    });

    it('parks a message after its last attempt, holds later messages of its key and lets other keys flow', async () => {
      const [topic, group] = [uniqueName('conf.park'), uniqueName('g')];
      await provision(topic);
      await consume(group, [topic], (message) => {
        if (new TextDecoder().decode(message.value) === 'poison') throw new Error('cannot apply poison');
      });
      await opened.bus.publish([
        eventMessage(topic, 'sick', 'poison'),
        eventMessage(topic, 'sick', 'behind'),
        eventMessage(topic, 'healthy', 'fine'),
      ]);
      await eventually(
        async () => (await bodies(group)).includes('fine') && (await statusOf(group, 'behind')) !== undefined,
      );
      expect(await bodies(group)).toEqual(['fine']);
      const parked = await statusOf(group, 'poison');
      expect(parked).toMatchObject({
        status: 'parked',
        attempts: 3,
        error: { message: 'cannot apply poison' },
      });
      expect(parked?.message).toMatchObject({ topic, key: 'sick' });
      expect(await statusOf(group, 'behind')).toMatchObject({ status: 'waiting', attempts: 0 });
    });

    it('redrives a dead letter and then the messages waiting behind it, in order, with an audit trail', async () => {
      const [topic, group] = [uniqueName('conf.redrive'), uniqueName('g')];
      await provision(topic);
      let healed = false;
      await consume(group, [topic], (message) => {
        if (!healed && new TextDecoder().decode(message.value) === 'first') throw new Error('broken');
      });
      await opened.bus.publish([eventMessage(topic, 'k', 'first'), eventMessage(topic, 'k', 'second')]);
      await eventually(async () => (await statusOf(group, 'second'))?.status === 'waiting');
      await opened.bus.publish([eventMessage(topic, 'k', 'third')]);
      await eventually(async () => (await statusOf(group, 'third'))?.status === 'waiting');
      healed = true;
      const first = (await statusOf(group, 'first'))!;
      await redriveDeadLetter(opened.db, first.id, { actor: 'alice', reason: 'bug fixed' });
      await eventually(async () => (await bodies(group)).length >= 3);
      expect(await bodies(group)).toEqual(['first', 'second', 'third']);
      await opened.bus.publish([eventMessage(topic, 'k', 'fourth')]);
      await eventually(async () => (await bodies(group)).length >= 4);
      expect(await bodies(group)).toEqual(['first', 'second', 'third', 'fourth']);
      const details = await showDeadLetter(opened.db, first.id);
      expect(details.deadLetter.status).toBe('redriven');
      expect(details.audit.map((entry) => [entry.action, entry.actor, entry.reason])).toEqual([
        ['parked', `consumer:${group}`, undefined],
        ['redrive_requested', 'alice', 'bug fixed'],
        ['redriven', `consumer:${group}`, undefined],
      ]);
    });

    it('discards a dead letter and releases the messages waiting behind it', async () => {
      const [topic, group] = [uniqueName('conf.discard'), uniqueName('g')];
      await provision(topic);
      await consume(group, [topic], (message) => {
        if (new TextDecoder().decode(message.value) === 'unwanted') throw new Error('never works');
      });
      await opened.bus.publish([eventMessage(topic, 'k', 'unwanted'), eventMessage(topic, 'k', 'next')]);
      await eventually(async () => (await statusOf(group, 'next'))?.status === 'waiting');
      const unwanted = (await statusOf(group, 'unwanted'))!;
      expect((await showDeadLetter(opened.db, unwanted.id)).waiting.map((w) => w.status)).toEqual([
        'waiting',
      ]);
      await discardDeadLetter(opened.db, unwanted.id, { actor: 'bob', reason: 'duplicate order' });
      await eventually(async () => (await bodies(group)).length >= 1);
      expect(await bodies(group)).toEqual(['next']);
      expect(await statusOf(group, 'unwanted')).toMatchObject({ status: 'discarded' });
      await expect(redriveDeadLetter(opened.db, unwanted.id, { actor: 'bob' })).rejects.toMatchObject({
        code: 'DEAD_LETTER_STATUS_CONFLICT',
      });
    });

    it('lets a keyless dead letter block nothing: keyless messages have no order to keep', async () => {
      const [topic, group] = [uniqueName('conf.keyless'), uniqueName('g')];
      await provision(topic);
      await consume(group, [topic], (message) => {
        if (new TextDecoder().decode(message.value) === 'poison') throw new Error('never works');
      });
      const keyless = (body: string) => ({ ...eventMessage(topic, 'unused', body), key: null });
      await opened.bus.publish([keyless('poison'), keyless('after')]);
      await eventually(async () => (await statusOf(group, 'poison'))?.status === 'parked');
      await eventually(async () => (await bodies(group)).includes('after'));
      expect(await statusOf(group, 'after')).toBeUndefined();
      const [effect] = await effectsOf(opened.db, group);
      expect(effect?.key).toBeNull();
    });

    it('reports where each message went, in the order published, at the coordinates consumers see', async () => {
      const topic = uniqueName('conf.reports');
      await provision(topic, 3);
      const at = new Date(Date.now() - 3 * 24 * 3600 * 1000 + 89); // an older create time, kept as given
      const outgoing: OutgoingMessage[] = [
        eventMessage(topic, 'k-1', 'a'),
        eventMessage(topic, 'k-2', 'b'),
        { ...eventMessage(topic, 'k-1', 'c'), timestamp: at },
        { ...eventMessage(topic, 'ignored', 'd'), key: null },
        { ...eventMessage(topic, 'ignored', 'e'), key: null },
        { ...eventMessage(topic, 'k-1', 'f'), partition: 2 },
      ];
      const reports = await opened.bus.publish(outgoing);
      expect(reports).toHaveLength(outgoing.length);
      expect(reports.map((r) => r.topic)).toEqual(outgoing.map(() => topic));
      expect(reports[0]!.partition).toBe(partitionForKey('k-1', 3));
      expect(reports[2]!.partition).toBe(partitionForKey('k-1', 3));
      // A new topic: each partition's messages take offsets 0, 1, 2... in the order published.
      const perPartition = new Map<number, string[]>();
      for (const r of reports)
        perPartition.set(r.partition, [...(perPartition.get(r.partition) ?? []), r.offset]);
      for (const offsets of perPartition.values()) expect(offsets).toEqual(offsets.map((_, i) => String(i)));
      expect(reports[1]!.partition).toBe(partitionForKey('k-2', 3));
      expect(reports[3]!.partition).not.toBe(reports[4]!.partition); // keyless: spread over the partitions
      expect(reports[5]!.partition).toBe(2);
      expect(reports[2]!.timestamp.toISOString()).toBe(at.toISOString());

      const seen: IncomingMessage[] = [];
      const consumer = await opened.bus.consume({
        group: uniqueName('g'),
        topics: [topic],
        handle: (messages) => Promise.resolve(void seen.push(...messages)),
      });
      try {
        await eventually(() => Promise.resolve(seen.length >= outgoing.length));
      } finally {
        await consumer.stop();
      }
      const where = (m: { partition: number; offset: string }) => `${m.partition}/${m.offset}`;
      const byBody = new Map(seen.map((m) => [new TextDecoder().decode(m.value), m]));
      for (const [i, message] of outgoing.entries()) {
        const incoming = byBody.get(new TextDecoder().decode(message.value))!;
        expect(where(incoming)).toBe(where(reports[i]!));
        expect(incoming.key).toBe(message.key);
      }
      expect(byBody.get('c')!.timestamp.toISOString()).toBe(at.toISOString());
    });

    it('refuses a message for a partition its topic does not have, and publishes none of that call', async () => {
      const topic = uniqueName('conf.partition');
      await provision(topic, 2);
      await expect(
        opened.bus.publish([
          eventMessage(topic, 'k', 'fine'),
          { ...eventMessage(topic, 'k', 'x'), partition: 2 },
        ]),
      ).rejects.toThrow(/partition 2 of topic .* does not exist: the topic has 2/);
      const [report] = await opened.bus.publish([eventMessage(topic, 'k', 'next')]);
      expect(report!.offset).toBe('0');
      // Published together (Kafka sends calls that queue behind one send as one), the refused call leaves no trace
      // in the offsets reported to the others. They go to the partition 'next' left empty.
      const free = report!.partition === 0 ? 1 : 0;
      const [before, refused, after] = await Promise.allSettled([
        opened.bus.publish([{ ...eventMessage(topic, 'k', 'one'), partition: free }]),
        opened.bus.publish([
          { ...eventMessage(topic, 'k', 'x'), partition: free },
          { ...eventMessage(topic, 'k', 'y'), partition: 2 },
        ]),
        opened.bus.publish([{ ...eventMessage(topic, 'k', 'two'), partition: free }]),
      ]);
      expect(refused.status).toBe('rejected');
      const offsets = [before, after].map((r) => (r.status === 'fulfilled' ? r.value[0]?.offset : 'refused'));
      // In either order: on PostgreSQL the in-process bus may commit concurrent publishes either way round.
      expect(offsets.sort()).toEqual(['0', '1']);
    });

    it('keeps each key in order across partitions', async () => {
      const [topic, group] = [uniqueName('conf.order'), uniqueName('g')];
      await provision(topic, 4);
      const keys = Array.from({ length: 12 }, (_, k) => `key-${k}`);
      for (let round = 0; round < 5; round += 1)
        await opened.bus.publish(keys.map((key) => eventMessage(topic, key, `${key}:${round}`)));
      await consume(group, [topic]);
      await eventually(async () => (await bodies(group)).length >= 60);
      const effects = await effectsOf(opened.db, group);
      for (const key of keys)
        expect(effects.filter((e) => e.key === key).map((e) => e.body)).toEqual(
          [0, 1, 2, 3, 4].map((r) => `${key}:${r}`),
        );
    });

    it('resumes after a restart without losing or repeating a message', async () => {
      const [topic, group] = [uniqueName('conf.restart'), uniqueName('g')];
      await provision(topic, 2);
      const publish = (from: number) =>
        opened.bus.publish(
          Array.from({ length: 10 }, (_, i) => eventMessage(topic, `k-${(from + i) % 3}`, `m-${from + i}`)),
        );
      await publish(0);
      const first = await consume(group, [topic]);
      await eventually(async () => (await bodies(group)).length >= 10);
      await first.stop();
      await publish(10);
      const second = await consume(group, [topic]);
      await eventually(async () => (await bodies(group)).length >= 20);
      await eventually(async () => (await second.lag()).every((p) => p.lag === 0));
      expect([...(await bodies(group))].sort()).toEqual(
        Array.from({ length: 20 }, (_, i) => `m-${i}`).sort(),
      );
    });
  });
};
