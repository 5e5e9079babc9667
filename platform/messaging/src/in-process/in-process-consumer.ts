import type { Database } from '@omnistream/event-store';
import type { ConsumeOptions, RunningConsumer } from '../bus.js';
import { createWakeSignal, type WakeSignal } from '../wake-signal.js';
import { createGroupLock } from './group-lock.js';
import { commitGroupOffset, groupLag, loadGroupOffset, OffsetMoved } from './group-offsets.js';
import { readPartition, topicPartitions } from './bus-log.js';

export interface InProcessConsumerSettings {
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  /** How often the member checks its lock, and a standby whether the active member is gone. */
  readonly standbyIntervalMs: number;
  /** Pause before a rejected batch is delivered again; doubles up to 30 s. */
  readonly redeliveryDelayMs: number;
  /** Registers a listener for publishes to a topic's partition (absent: any partition); returns its removal. */
  readonly onPublished: (listener: (topic: string, partition?: number) => void) => () => void;
  readonly ensureTopics: (topics: readonly string[]) => Promise<ReadonlyMap<string, number>>;
}

/**
 * One member of a consumer group over the in-process log: per topic it takes the group's lock (or stands by), then
 * runs one loop per partition that reads from the committed offset, hands the batch over and commits past it.
 */
export const startInProcessConsumer = async (
  db: Database,
  options: ConsumeOptions,
  settings: InProcessConsumerSettings,
): Promise<RunningConsumer> => {
  const { group } = options;
  await settings.ensureTopics(options.topics);
  let stopped = false;
  const signals = new Set<WakeSignal>();
  const wakeAll = () => signals.forEach((signal) => signal.wake());
  // Each partition's reader wakes for its own partition only: a publish touches one or a few partitions, and
  // waking every reader of the topic would cost a read per partition per publish.
  const partitionSignals = new Map<string, WakeSignal>();
  const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;
  const unlisten = settings.onPublished((topic, partition) => {
    if (!options.topics.includes(topic)) return;
    if (partition === undefined) wakeAll();
    else partitionSignals.get(partitionKey(topic, partition))?.wake();
  });

  const runPartition = async (topic: string, partition: number, held: () => boolean): Promise<void> => {
    const signal = createWakeSignal();
    signals.add(signal);
    partitionSignals.set(partitionKey(topic, partition), signal);
    let failures = 0;
    try {
      let offset: bigint | undefined;
      while (!stopped && held()) {
        try {
          offset ??= await loadGroupOffset(db, group, topic, partition, options.startFrom ?? 'earliest');
          const messages = await readPartition(db, topic, partition, offset, settings.batchSize);
          if (messages.length === 0) {
            await signal.sleep(settings.pollIntervalMs);
            continue;
          }
          await options.handle(messages);
          const next = BigInt(messages[messages.length - 1]!.offset) + 1n;
          await commitGroupOffset(db, group, topic, partition, offset, next);
          offset = next;
          failures = 0;
          // A short batch was the end of the partition when it was read; anything published since has notified
          // (the signal keeps a wake-up that came while this batch was handled), so there is no need to look again
          // before one arrives.
          if (messages.length < settings.batchSize) await signal.sleep(settings.pollIntervalMs);
        } catch (error) {
          if (error instanceof OffsetMoved) {
            offset = undefined; // another member moved on: reload
            continue;
          }
          // The port's contract: a rejected batch is delivered again after a pause (the inbox makes that harmless).
          failures += 1;
          if (!stopped)
            await signal.sleep(Math.min(30_000, settings.redeliveryDelayMs * 2 ** (failures - 1)));
        }
      }
    } finally {
      signals.delete(signal);
      if (partitionSignals.get(partitionKey(topic, partition)) === signal)
        partitionSignals.delete(partitionKey(topic, partition));
    }
  };

  const runTopic = async (topic: string): Promise<void> => {
    const lock = createGroupLock(db, group, topic);
    const signal = createWakeSignal();
    signals.add(signal);
    try {
      while (!stopped) {
        let acquired = false;
        try {
          acquired = await lock.tryAcquire();
        } catch {
          acquired = false; // the database is away: stand by and try again
        }
        if (!acquired) {
          await signal.sleep(settings.standbyIntervalMs);
          continue;
        }
        let held = true;
        let partitions: number;
        try {
          partitions = (await topicPartitions(db, [topic])).get(topic) ?? 0;
        } catch {
          // The database is away: give the group up for now and stand by, like a failed acquire.
          await lock.release().catch(() => undefined);
          await signal.sleep(settings.standbyIntervalMs);
          continue;
        }
        const loops = Array.from({ length: partitions }, (_, p) =>
          runPartition(topic, p, () => held).catch(() => undefined),
        );
        while (!stopped && held) {
          await signal.sleep(settings.standbyIntervalMs);
          held = await lock.stillHeld().catch(() => false);
        }
        held = false;
        wakeAll();
        await Promise.all(loops);
      }
    } finally {
      signals.delete(signal);
      await lock.release().catch(() => undefined);
    }
  };

  const running = Promise.all(options.topics.map((topic) => runTopic(topic)));
  return {
    group,
    lag: async () => (await groupLag(db, group, options.topics)).map((row) => ({ group, ...row })),
    stop: async () => {
      stopped = true;
      wakeAll();
      await running;
      unlisten();
    },
  };
};
