import { Consumer, GenericError } from '@platformatic/kafka';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumeOptions, IncomingMessage, RunningConsumer } from '../bus.js';
import { clientOptions, type KafkaBusOptions, type KafkaConsumerErrorContext } from './kafka-bus-options.js';
import { groupLag, startingOffset } from './kafka-lag.js';
import { fetchPositions } from './kafka-fetch.js';

interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  /** Next offset to hand to `handle`; undefined until read from the group's committed offset. */
  position: bigint | undefined;
  /** A batch of this partition is in the handler or being committed: it is not fetched meanwhile. */
  busy: boolean;
  /** After a failure, the partition is not fetched again before this time (ms, performance.now()). */
  pausedUntil: number;
  /** The group took the partition away while a batch was in hand; forget it once that batch is done. */
  revoked: boolean;
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
const isKafkaError = (error: unknown, apiId: string): boolean =>
  error instanceof Error &&
  GenericError.isGenericError(error) &&
  (error as GenericError).findBy('apiId', apiId) !== null;

/**
 * A group member with its own fetch loop instead of the client's message stream, because the bus contract needs
 * per-partition control the stream does not give: a partition is fetched only while none of its batches is in the
 * handler, a batch is committed after `handle` resolves, and after a rejection the same offsets are fetched again.
 * Membership, heartbeats and rejoining after a rebalance are the client's (classic group protocol).
 */
export const startKafkaConsumer = async (
  options: KafkaBusOptions,
  consume: ConsumeOptions,
): Promise<RunningConsumer> => {
  const { group, topics, handle } = consume;
  const startFrom = consume.startFrom ?? 'earliest';
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const maxWaitMs = options.maxWaitMs ?? 500;
  const sessionTimeout = options.sessionTimeoutMs ?? 10_000;
  const consumer = new Consumer({
    ...clientOptions(options, 'consumer'),
    groupId: group,
    sessionTimeout,
    rebalanceTimeout: sessionTimeout,
    heartbeatInterval: Math.min(1_000, Math.floor(sessionTimeout / 3)),
  });
  const report = (error: unknown, context: Omit<KafkaConsumerErrorContext, 'group'>): void =>
    options.onConsumerError?.(asError(error), { group, ...context });

  const states = new Map<string, PartitionState>();
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let wake: () => void = () => undefined;
  const sleepUntilWoken = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  // The assignment changes only when the client rejoins; membership is read from it before every fetch.
  const syncAssignment = (): void => {
    const assigned = new Set<string>();
    for (const { topic, partitions } of consumer.assignments ?? []) {
      for (const partition of partitions) {
        const id = `${topic}:${partition}`;
        assigned.add(id);
        const state = states.get(id);
        if (state === undefined) {
          states.set(id, {
            topic,
            partition,
            position: undefined,
            busy: false,
            pausedUntil: 0,
            revoked: false,
          });
        } else if (state.revoked) {
          // Back with us after a rebalance: another member may have moved it on meanwhile.
          Object.assign(state, { revoked: false, position: undefined });
        }
      }
    }
    for (const [id, state] of states) {
      if (assigned.has(id)) continue;
      if (state.busy) state.revoked = true;
      else states.delete(id);
    }
  };

  const runBatch = (state: PartitionState, messages: IncomingMessage[], next: bigint): void => {
    state.busy = true;
    const where = { topic: state.topic, partition: state.partition };
    const work = (async () => {
      try {
        await handle(messages);
      } catch (error) {
        report(error, { ...where, during: 'handle' });
        state.pausedUntil = performance.now() + retryDelayMs;
        return;
      }
      try {
        await consumer.commit({ offsets: [{ ...where, offset: next, leaderEpoch: -1 }] });
        state.position = next;
      } catch (error) {
        // Not committed, so not done: the batch comes again (the inbox makes the second delivery harmless).
        report(error, { ...where, during: 'commit' });
        state.pausedUntil = performance.now() + retryDelayMs;
      }
    })().finally(() => {
      state.busy = false;
      if (state.revoked) states.delete(`${state.topic}:${state.partition}`);
      inFlight.delete(work);
      wake();
    });
    inFlight.add(work);
  };

  const fetchOnce = async (ready: PartitionState[]): Promise<void> => {
    const asked = ready.map((state) => ({
      topic: state.topic,
      partition: state.partition,
      offset: state.position ?? 0n,
    }));
    for (const result of await fetchPositions(consumer, topics, asked, maxWaitMs)) {
      const state = states.get(`${result.topic}:${result.partition}`);
      // A rebalance or a failure in between made this answer stale: the partition is fetched again later.
      if (state === undefined || state.busy || state.revoked || state.position !== result.from) continue;
      if (result.messages.length > 0) runBatch(state, result.messages, result.next);
      else state.position = result.next; // only transaction markers, nothing to hand over
    }
  };

  const loop = async (): Promise<void> => {
    while (!stopping) {
      syncAssignment();
      const now = performance.now();
      const ready: PartitionState[] = [];
      for (const state of states.values()) {
        if (state.busy || state.revoked || state.pausedUntil > now) continue;
        if (state.position === undefined) {
          try {
            state.position = await startingOffset(consumer, state.topic, state.partition, startFrom);
          } catch (error) {
            report(error, { topic: state.topic, partition: state.partition, during: 'position' });
            state.pausedUntil = now + retryDelayMs;
            continue;
          }
        }
        ready.push(state);
      }
      if (ready.length === 0) {
        await sleepUntilWoken(maxWaitMs);
        continue;
      }
      try {
        await fetchOnce(ready);
      } catch (error) {
        report(error, { during: 'fetch' });
        // Out of range: retention removed the committed offset, or the topic was recreated. Start over from it.
        if (isKafkaError(error, 'OFFSET_OUT_OF_RANGE')) for (const state of ready) state.position = undefined;
        consumer.clearMetadata();
        await sleep(retryDelayMs);
      }
    }
  };

  consumer.topics.trackAll(...topics);
  consumer.on('consumer:group:join', () => wake());
  try {
    await consumer.joinGroup({});
  } catch (error) {
    await consumer.close().catch(() => undefined);
    throw error;
  }
  const running = loop();

  return {
    group,
    lag: () => groupLag(consumer, group, topics),
    stop: async () => {
      if (stopping) return running;
      stopping = true;
      wake();
      await running;
      await Promise.all(inFlight);
      // The promise-returning overload of leaveGroup is typed as returning void; the callback form is typed right.
      await new Promise<void>((resolve, reject) =>
        consumer.leaveGroup(false, (error) => (error ? reject(error) : resolve())),
      );
      await consumer.close();
    },
  };
};
