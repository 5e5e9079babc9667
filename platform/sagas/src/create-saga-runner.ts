import type { EventStore, Sql, StreamAppend } from '@omnistream/event-store';
import { DomainError, systemClock, type Clock, type EventEnvelope, type NewEvent } from '@omnistream/kernel';
import { loadSagaInstanceAfter, lockSagaStreams, type CachedSagaInstance } from './load-saga-instance.js';
import { processInput } from './process-input.js';
import { assertSagaName, sagaStreamId, type AnySaga } from './saga-definition.js';
import type { SagaInput } from './saga-input.js';
import type { SagaInstance } from './saga-instance.js';
import { markTimerFired, writeTimerRows } from './write-timer-rows.js';

/** A timer the poller claimed: what the saga gets as a `timer` input. */
export interface DueTimer {
  readonly sagaName: string;
  readonly instanceId: string;
  readonly timer: string;
  readonly timerId: string;
  readonly dueAt: string;
  readonly payload: unknown;
}

export interface SagaRunner {
  readonly sagas: readonly AnySaga[];
  /**
   * Feeds one event to every saga that correlates it, inside the caller's transaction (a bus consumer's, with
   * nothing written before). A redelivered event changes nothing: the saga stream is its own inbox.
   */
  handle(event: EventEnvelope, tx: Sql): Promise<void>;
  /** The same for a batch (a feed subscription): one append for every saga stream the batch touches. */
  handleBatch(events: readonly EventEnvelope[], tx: Sql): Promise<void>;
  /** Fires a claimed timer and marks it fired, in the caller's transaction. */
  fireTimer(timer: DueTimer, tx: Sql): Promise<void>;
}

export interface SagaRunnerOptions {
  /** When inputs are processed: the `now` every decision gets. */
  readonly clock?: Clock;
  /** Instances kept in memory between inputs (default 10,000); 0 reads every instance's whole stream. */
  readonly cacheSize?: number;
}

interface Work {
  readonly saga: AnySaga;
  readonly instanceId: string;
  readonly input: SagaInput;
  readonly starts: boolean;
}

/**
 * The saga runtime: correlate, lock the saga streams, load, decide (pure), append the saga streams' events with
 * their loaded versions as expected versions, then mirror timers. All in the caller's transaction, so the
 * caller's own effects (an inbox row, a checkpoint) commit with the saga's, or neither does.
 */
export const createSagaRunner = (
  store: EventStore,
  sagas: readonly AnySaga[],
  { clock = systemClock, cacheSize = 10_000 }: SagaRunnerOptions = {},
): SagaRunner => {
  const byName = new Map<string, AnySaga>();
  for (const saga of sagas) {
    if (byName.has(assertSagaName(saga.name)))
      throw new DomainError('DUPLICATE_SAGA', `two sagas are named ${saga.name}`);
    byName.set(saga.name, saga);
  }

  // What this runner last read or wrote of each instance, most recent last, so that loading an instance reads
  // only what was appended since (usually nothing) instead of its whole stream. Bounded; a miss reads it all.
  const cache = new Map<string, CachedSagaInstance>();
  const remember = (streamId: string, entry: CachedSagaInstance): void => {
    cache.delete(streamId);
    cache.set(streamId, entry);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
  };

  const run = async (tx: Sql, work: readonly Work[]): Promise<Map<string, readonly NewEvent[]>> => {
    const written = new Map<string, readonly NewEvent[]>();
    if (work.length === 0) return written;
    const streams = [...new Set(work.map((w) => sagaStreamId(w.saga.name, w.instanceId)))];
    await lockSagaStreams(tx, streams);
    const now = clock.now().toISOString();
    const loaded = new Map<
      string,
      { saga: AnySaga; before: SagaInstance; instance: SagaInstance; events: NewEvent[] }
    >();
    for (const { saga, instanceId, input, starts } of work) {
      const streamId = sagaStreamId(saga.name, instanceId);
      let entry = loaded.get(streamId);
      if (entry === undefined) {
        const read = await loadSagaInstanceAfter(store, tx, saga, instanceId, cache.get(streamId));
        if (read.lastEventId === undefined) cache.delete(streamId);
        else remember(streamId, read);
        entry = { saga, before: read.instance, instance: read.instance, events: [] };
        loaded.set(streamId, entry);
      }
      const processed = processInput(saga, entry.instance, input, { starts, now });
      entry.instance = processed.instance;
      entry.events.push(...processed.events);
    }
    const appends: StreamAppend[] = [];
    for (const [streamId, { before, events }] of loaded)
      if (events.length > 0)
        appends.push({
          streamId,
          events,
          expectedVersion: before.version === 0 ? 'no_stream' : before.version,
        });
    if (appends.length === 0) return written;
    // One call: the append must be the transaction's first write, and it locks every stream in one order.
    const results = await store.appendInTransaction(tx, appends);
    for (const [index, { streamId, events }] of appends.entries()) {
      const { before, instance } = loaded.get(streamId) as { before: SagaInstance; instance: SagaInstance };
      const result = results[index];
      const last = result?.events.at(-1);
      // Remembered before the caller commits: a rollback leaves another event, or none, at this version, which
      // the next load notices.
      if (result !== undefined && last !== undefined)
        remember(streamId, {
          instance: { ...instance, version: result.nextExpectedVersion },
          lastEventId: last.id,
        });
      await writeTimerRows(tx, before.sagaName, before.instanceId, events, now);
      written.set(streamId, events);
    }
    return written;
  };

  const correlateAll = (events: readonly EventEnvelope[]): Work[] =>
    events.flatMap((event) =>
      sagas.flatMap((saga) => {
        const correlation = saga.correlate(event);
        return correlation === undefined
          ? []
          : [
              {
                saga,
                instanceId: correlation.instanceId,
                input: { kind: 'event', id: event.id, event } as const,
                starts: correlation.starts === true,
              },
            ];
      }),
    );

  return {
    sagas,
    handle: async (event, tx) => {
      await run(tx, correlateAll([event]));
    },
    handleBatch: async (events, tx) => {
      await run(tx, correlateAll(events));
    },
    fireTimer: async (timer, tx) => {
      const saga = byName.get(timer.sagaName);
      if (saga === undefined)
        throw new DomainError('UNKNOWN_SAGA', `no saga named ${timer.sagaName} runs here`);
      const input: SagaInput = {
        kind: 'timer',
        id: timer.timerId,
        timer: timer.timer,
        dueAt: timer.dueAt,
        payload: timer.payload,
      };
      const written = await run(tx, [{ saga, instanceId: timer.instanceId, input, starts: false }]);
      // A timer the stream no longer waits for (a race with its cancellation) must not be claimed again.
      if (written.size === 0) await markTimerFired(tx, timer.timerId, clock.now().toISOString());
    },
  };
};
