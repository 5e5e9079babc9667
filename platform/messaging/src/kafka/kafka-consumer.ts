import { Consumer, GenericError } from '@platformatic/kafka';
import type { ConsumeOptions, IncomingMessage, RunningConsumer } from '../bus.js';
import { clientOptions, type KafkaBusOptions, type KafkaConsumerErrorContext } from './kafka-bus-options.js';
import { fetchPositions } from './kafka-fetch.js';
import { watchMembership } from './kafka-group-membership.js';
import { groupLag, startingOffset } from './kafka-lag.js';
import { partitionId, syncAssignment, type PartitionState } from './kafka-partition-states.js';
import { createStopSignal, STOPPED } from './kafka-stop-signal.js';

/** How long stop() gives a commit, the leave and the close each once the broker stops answering. */
const stopGraceMs = 1_000;

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
const isKafkaError = (error: unknown, apiId: string): boolean =>
  error instanceof Error &&
  GenericError.isGenericError(error) &&
  (error as GenericError).findBy('apiId', apiId) !== null;

/**
 * A group member with its own fetch loop instead of the client's message stream, because the bus contract needs
 * per-partition control the stream does not give: a partition is fetched only while none of its batches is in the
 * handler, a batch is committed after `handle` resolves, and after a rejection the same offsets are fetched again.
 * Heartbeats run on the client's own timer, independent of the handler, so a batch may take longer than the
 * session timeout (the consumer runtime retries with backoff inside `handle`); see kafka-group-membership.ts for
 * what keeps the member in the group through broker outages.
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
    // Classic protocol: how long the coordinator waits for every member to rejoin during a rebalance. The client
    // rejoins from its heartbeat timer without waiting for the batch in hand, so this bounds no handler.
    rebalanceTimeout: sessionTimeout,
    heartbeatInterval: Math.min(1_000, Math.floor(sessionTimeout / 3)),
  });
  const signal = createStopSignal();
  const report = (error: unknown, context: Omit<KafkaConsumerErrorContext, 'group'>): void =>
    options.onConsumerError?.(asError(error), { group, ...context });
  const membership = watchMembership(consumer, report, { retryDelayMs, sessionTimeoutMs: sessionTimeout });

  const states = new Map<string, PartitionState>();
  const inFlight = new Set<Promise<void>>();
  let generation = 0;
  const sync = (): void => syncAssignment(states, consumer.assignments ?? [], generation);

  const commit = async (state: PartitionState, next: bigint): Promise<void> => {
    const where = { topic: state.topic, partition: state.partition };
    // Another member owns the partition now and starts from the committed offset: committing ours could move the
    // group's offset back behind its progress. Not committing only means that member delivers the batch again.
    if (state.revoked) return;
    const committed = await signal.race(
      consumer.commit({ offsets: [{ ...where, offset: next, leaderEpoch: -1 }] }),
      stopGraceMs,
    );
    if (committed === STOPPED) throw new Error('stopped before the broker acknowledged the commit');
    if (state.generation === generation) state.position = next;
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
        await commit(state, next);
      } catch (error) {
        // Not committed, so not done: the batch comes again (the inbox makes the second delivery harmless).
        report(error, { ...where, during: 'commit' });
        state.pausedUntil = performance.now() + retryDelayMs;
      }
    })().finally(() => {
      state.busy = false;
      if (state.revoked) states.delete(partitionId(state.topic, state.partition));
      else if (state.generation !== generation) Object.assign(state, { position: undefined, generation });
      inFlight.delete(work);
      signal.wake();
    });
    inFlight.add(work);
  };

  const fetchOnce = async (ready: PartitionState[]): Promise<void> => {
    const asked = ready.map((state) => ({
      topic: state.topic,
      partition: state.partition,
      offset: state.position ?? 0n,
    }));
    const results = await signal.race(fetchPositions(consumer, topics, asked, maxWaitMs));
    if (results === STOPPED) return;
    for (const result of results) {
      const state = states.get(partitionId(result.topic, result.partition));
      // A rebalance or a failure in between made this answer stale: the partition is fetched again later.
      if (state === undefined || state.busy || state.revoked || state.position !== result.from) continue;
      if (result.messages.length > 0) runBatch(state, result.messages, result.next);
      else state.position = result.next; // only transaction markers, nothing to hand over
    }
  };

  /**
   * Fetches run side by side: a partition whose batch is done is fetched at once, not after a long poll of other
   * partitions returns (which waits up to `maxWaitMs` when they are quiet). That wait was most of the latency.
   */
  const fetches = new Set<Promise<void>>();
  const startFetch = (ready: PartitionState[]): void => {
    for (const state of ready) state.fetching = true;
    const fetch = fetchOnce(ready)
      .catch((error: unknown) => {
        report(error, { during: 'fetch' });
        // Out of range: retention removed the committed offset, or the topic was recreated. Start over from it.
        if (isKafkaError(error, 'OFFSET_OUT_OF_RANGE')) for (const state of ready) state.position = undefined;
        consumer.clearMetadata();
        const until = performance.now() + retryDelayMs;
        for (const state of ready) state.pausedUntil = Math.max(state.pausedUntil, until);
      })
      .finally(() => {
        for (const state of ready) state.fetching = false;
        fetches.delete(fetch);
        signal.wake();
      });
    fetches.add(fetch);
  };

  const position = async (state: PartitionState, now: number): Promise<boolean> => {
    try {
      const offset = await signal.race(startingOffset(consumer, state.topic, state.partition, startFrom));
      if (offset === STOPPED) return false;
      if (state.generation === generation) state.position = offset;
      return state.position !== undefined;
    } catch (error) {
      report(error, { topic: state.topic, partition: state.partition, during: 'position' });
      state.pausedUntil = now + retryDelayMs;
      return false;
    }
  };

  const loop = async (): Promise<void> => {
    while (!signal.stopping) {
      membership.ensure();
      sync();
      const now = performance.now();
      const ready: PartitionState[] = [];
      let pausedFor = maxWaitMs;
      for (const state of states.values()) {
        if (state.busy || state.fetching || state.revoked) continue;
        if (state.pausedUntil > now) {
          pausedFor = Math.min(pausedFor, state.pausedUntil - now);
          continue;
        }
        if (state.position === undefined && !(await position(state, now))) continue;
        ready.push(state);
      }
      if (signal.stopping) break;
      if (ready.length > 0) startFetch(ready);
      // Woken when a fetch returns or a batch is done; otherwise look again when a pause ends.
      await signal.sleep(Math.max(1, pausedFor));
    }
    await Promise.all(fetches);
  };

  consumer.topics.trackAll(...topics);
  consumer.on('consumer:group:join', () => {
    generation += 1;
    sync();
    signal.wake();
  });
  try {
    await consumer.joinGroup({});
  } catch (error) {
    await consumer.close().catch(() => undefined);
    throw error;
  }
  const running = loop();
  let stopped: Promise<void> | undefined;

  return {
    group,
    lag: () => groupLag(consumer, group, topics),
    stop: () => {
      stopped ??= (async () => {
        signal.stop();
        await running;
        await Promise.all(inFlight);
        await membership.leaveAndClose(stopGraceMs);
      })();
      return stopped;
    },
  };
};
