import { setTimeout as sleep } from 'node:timers/promises';
import {
  fold,
  isDomainError,
  type Command,
  type DecidedEvent,
  type Decider,
  type EventEnvelope,
} from '@omnistream/kernel';
import { versionConflict } from '../append-errors.js';
import type { Sql } from '../database/database.js';
import type { EventStore } from '../event-store.js';
import { aggregateSnapshots, type AggregateSnapshotOptions } from './aggregate-snapshots.js';
import { loadAggregate } from './load-aggregate.js';
import { defaultRetryPolicy, retryDelay, type RetryPolicy } from './retry-delay.js';
import { toNewEvents } from './to-new-events.js';

export interface CommandResult<State> {
  /** What this command appended; empty when the decider had nothing new to say (e.g. a redelivery). */
  readonly events: readonly EventEnvelope[];
  /** The stream's version after the command: the caller's next If-Match. */
  readonly nextExpectedVersion: number;
  readonly state: State;
}

export interface HandleOptions {
  /**
   * The version the caller decided against (HTTP If-Match); 0 for "the stream must not exist yet". Any other
   * version is a STREAM_VERSION_CONFLICT for the caller and is never retried: a retry would apply the command to
   * a state the caller has not seen.
   */
  readonly expectedVersion?: number;
}

export type CommandHandler<C extends Command, State> = (
  streamId: string,
  command: C,
  options?: HandleOptions,
) => Promise<CommandResult<State>>;

export interface CommandHandlerOptions<State> extends AggregateSnapshotOptions<State> {
  readonly retry?: Partial<RetryPolicy>;
}

/** What the handler needs of an event store; `database` only when snapshots are on and no store is given. */
export type CommandEventStore = Pick<EventStore, 'append' | 'readStream'> & { readonly database?: Sql };

/**
 * The one command handler (STYLE.md 6; DESIGN.md "Commands, sagas, projections"): load the stream (from its
 * snapshot when there is one), fold, decide, append with the loaded version as the expected one, and on a
 * conflict load and decide again. Deciders are pure, so deciding twice is safe.
 */
export const createCommandHandler = <State, C extends Command, E extends DecidedEvent>(
  store: CommandEventStore,
  decider: Decider<State, C, E>,
  options: CommandHandlerOptions<State> = {},
): CommandHandler<C, State> => {
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const snapshots = aggregateSnapshots(store, decider.initialState, options);

  return async (streamId, command, { expectedVersion } = {}) => {
    const maxAttempts = expectedVersion === undefined ? Math.max(1, retry.maxAttempts) : 1;
    for (let attempt = 1; ; attempt += 1) {
      const loaded = await loadAggregate(store, decider, streamId, await snapshots.start(streamId));
      // Checked before deciding: a precondition failure must not be masked by what decide makes of a newer state.
      if (expectedVersion !== undefined && loaded.version !== expectedVersion)
        throw versionConflict(streamId, String(expectedVersion), loaded.version);
      const decided = decider.decide(command, loaded.state);
      if (decided.length === 0)
        return { events: [], nextExpectedVersion: loaded.version, state: loaded.state };
      try {
        const appended = await store.append(streamId, toNewEvents(decided, command.metadata), {
          expectedVersion: loaded.version === 0 ? 'no_stream' : loaded.version,
        });
        const state = fold(decider, loaded.state, decided);
        await snapshots.save(streamId, loaded.version, appended.nextExpectedVersion, state);
        return { events: appended.events, nextExpectedVersion: appended.nextExpectedVersion, state };
      } catch (error) {
        if (attempt >= maxAttempts || !isDomainError(error, 'STREAM_VERSION_CONFLICT')) throw error;
      }
      await sleep(retryDelay(attempt, retry));
    }
  };
};
