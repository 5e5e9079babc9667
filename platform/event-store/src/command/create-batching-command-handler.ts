import { setTimeout as sleep } from 'node:timers/promises';
import {
  fold,
  isDomainError,
  type Command,
  type DecidedEvent,
  type Decider,
  type EventEnvelope,
  type NewEvent,
} from '@omnistream/kernel';
import { versionConflict } from '../append-errors.js';
import { aggregateSnapshots } from './aggregate-snapshots.js';
import type {
  CommandEventStore,
  CommandHandler,
  CommandHandlerOptions,
  CommandResult,
  HandleOptions,
} from './create-command-handler.js';
import { loadAggregate, type LoadedAggregate } from './load-aggregate.js';
import { defaultRetryPolicy, retryDelay, type RetryPolicy } from './retry-delay.js';
import { toNewEvents } from './to-new-events.js';

export interface BatchingCommandHandlerOptions<State> extends CommandHandlerOptions<State> {
  /** Most commands decided together and written in one append. */
  readonly maxBatch?: number;
  /** Streams whose last state is kept in memory, least recently used dropped first. */
  readonly cachedStreams?: number;
}

interface Pending<C, State> {
  readonly command: C;
  readonly expectedVersion: number | undefined;
  readonly resolve: (result: CommandResult<State>) => void;
  readonly reject: (error: unknown) => void;
}

interface Decided<C, State> {
  readonly pending: Pending<C, State>;
  readonly outcome: { error: unknown } | { first: number; count: number; state: State };
}

/**
 * The command handler for hot streams (a best-selling SKU on Black Friday): commands for one stream queue up
 * while the previous batch is being written, then are decided one after another against the state each leaves
 * and written in ONE append with the loaded version as the expected one. A stream then costs one read of its
 * tail and one append per batch instead of per command, and commands on it never race each other in this
 * process. Other processes may write the same stream: the expected version catches them, and the whole batch is
 * decided again on the newer state (deciders are pure). Each caller gets its own result or its own error: a
 * command its decider refuses fails alone, and a batch whose append fails for another reason than a conflict is
 * written again one command at a time, so one bad command never fails its neighbours.
 *
 * The last state of each stream is kept, so a batch reads only the events written since (usually none); it is a
 * cache, never trusted without that read.
 */
export const createBatchingCommandHandler = <State, C extends Command, E extends DecidedEvent>(
  store: CommandEventStore,
  decider: Decider<State, C, E>,
  options: BatchingCommandHandlerOptions<State> = {},
): CommandHandler<C, State> => {
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const maxBatch = options.maxBatch ?? 256;
  const cachedStreams = options.cachedStreams ?? 10_000;
  const snapshots = aggregateSnapshots(store, decider.initialState, options);
  const queues = new Map<string, Pending<C, State>[]>();
  const cache = new Map<string, LoadedAggregate<State>>();

  const remember = (streamId: string, loaded: LoadedAggregate<State>) => {
    cache.delete(streamId); // re-inserted last: Map order is the LRU order
    cache.set(streamId, loaded);
    if (cache.size > cachedStreams) cache.delete(cache.keys().next().value as string);
  };

  const load = async (streamId: string): Promise<LoadedAggregate<State>> => {
    const known = cache.get(streamId) ?? (await snapshots.start(streamId));
    return loadAggregate(store, decider, streamId, known);
  };

  const decideAll = (
    streamId: string,
    loaded: LoadedAggregate<State>,
    batch: readonly Pending<C, State>[],
  ) => {
    let { state, version } = loaded;
    const events: NewEvent[] = [];
    const decided = batch.map((pending): Decided<C, State> => {
      if (pending.expectedVersion !== undefined && pending.expectedVersion !== version)
        return {
          pending,
          outcome: { error: versionConflict(streamId, String(pending.expectedVersion), version) },
        };
      try {
        const produced = decider.decide(pending.command, state);
        state = fold(decider, state, produced);
        events.push(...toNewEvents(produced, pending.command.metadata));
        const first = version + 1;
        version += produced.length;
        return { pending, outcome: { first, count: produced.length, state } };
      } catch (error) {
        return { pending, outcome: { error } };
      }
    });
    return { decided, events, after: { state, version } };
  };

  const settle = (decided: readonly Decided<C, State>[], appended: readonly EventEnvelope[]) => {
    for (const { pending, outcome } of decided) {
      if ('error' in outcome) pending.reject(outcome.error);
      else
        pending.resolve({
          events: appended.filter(
            (e) => e.version >= outcome.first && e.version < outcome.first + outcome.count,
          ),
          nextExpectedVersion: outcome.first + outcome.count - 1,
          state: outcome.state,
        });
    }
  };

  const runBatch = async (streamId: string, batch: readonly Pending<C, State>[]): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      const loaded = await load(streamId);
      const { decided, events, after } = decideAll(streamId, loaded, batch);
      if (events.length === 0) {
        remember(streamId, loaded);
        return settle(decided, []);
      }
      try {
        const result = await store.append(streamId, events, {
          expectedVersion: loaded.version === 0 ? 'no_stream' : loaded.version,
        });
        remember(streamId, after);
        await snapshots.save(streamId, loaded.version, after.version, after.state);
        return settle(decided, result.events);
      } catch (error) {
        cache.delete(streamId);
        if (!isDomainError(error, 'STREAM_VERSION_CONFLICT')) {
          if (batch.length === 1) throw error;
          for (const pending of batch) await runBatch(streamId, [pending]).catch(pending.reject);
          return;
        }
        if (attempt >= retry.maxAttempts) throw error;
      }
      await sleep(retryDelay(attempt, retry));
    }
  };

  const drain = async (streamId: string, queue: Pending<C, State>[]): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      await runBatch(streamId, batch).catch((error: unknown) => {
        for (const pending of batch) pending.reject(error);
      });
    }
    queues.delete(streamId);
  };

  return (streamId: string, command: C, { expectedVersion }: HandleOptions = {}) =>
    new Promise<CommandResult<State>>((resolve, reject) => {
      const queued = queues.get(streamId);
      const pending = { command, expectedVersion, resolve, reject };
      if (queued !== undefined) {
        queued.push(pending);
        return;
      }
      const queue = [pending];
      queues.set(streamId, queue);
      void drain(streamId, queue);
    });
};
