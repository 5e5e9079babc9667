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
import { restoreSnapshot } from '../snapshots/restore-snapshot.js';
import { snapshotDue } from '../snapshots/snapshot-due.js';
import { assertSnapshotPolicy, type SnapshotPolicy } from '../snapshots/snapshot-policy.js';
import { createSnapshotStore, type SnapshotStore } from '../snapshots/snapshot-store.js';
import { loadAggregate, type LoadedAggregate } from './load-aggregate.js';
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

export interface CommandHandlerOptions<State> {
  readonly snapshot?: SnapshotPolicy<State>;
  /** Where snapshots live; defaults to `omnistream.snapshots` in the store's database. */
  readonly snapshots?: SnapshotStore;
  readonly retry?: Partial<RetryPolicy>;
  /** A snapshot that cannot be read or written never fails a command; it is reported here instead. */
  readonly onSnapshotError?: (error: unknown, streamId: string) => void;
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
  const { snapshot: policy, onSnapshotError = () => {} } = options;
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  if (policy !== undefined) assertSnapshotPolicy(policy as SnapshotPolicy<unknown>);
  const snapshots = policy === undefined ? undefined : (options.snapshots ?? snapshotStoreOf(store));

  const start = async (streamId: string): Promise<LoadedAggregate<State>> => {
    const initial = { state: decider.initialState(), version: 0 };
    if (policy === undefined || snapshots === undefined) return initial;
    try {
      const stored = await snapshots.read(streamId);
      return (stored && restoreSnapshot(policy, stored)) ?? initial;
    } catch (error) {
      onSnapshotError(error, streamId);
      return initial;
    }
  };

  const saveSnapshot = async (
    streamId: string,
    before: number,
    after: number,
    state: State,
  ): Promise<void> => {
    if (policy === undefined || snapshots === undefined || !snapshotDue(policy.every, before, after)) return;
    try {
      const json = policy.toJSON === undefined ? state : policy.toJSON(state);
      await snapshots.write(streamId, { version: after, snapshotVersion: policy.version, state: json });
    } catch (error) {
      onSnapshotError(error, streamId);
    }
  };

  return async (streamId, command, { expectedVersion } = {}) => {
    const maxAttempts = expectedVersion === undefined ? Math.max(1, retry.maxAttempts) : 1;
    for (let attempt = 1; ; attempt += 1) {
      const loaded = await loadAggregate(store, decider, streamId, await start(streamId));
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
        await saveSnapshot(streamId, loaded.version, appended.nextExpectedVersion, state);
        return { events: appended.events, nextExpectedVersion: appended.nextExpectedVersion, state };
      } catch (error) {
        if (attempt >= maxAttempts || !isDomainError(error, 'STREAM_VERSION_CONFLICT')) throw error;
      }
      await sleep(retryDelay(attempt, retry));
    }
  };
};

const snapshotStoreOf = (store: CommandEventStore): SnapshotStore => {
  if (store.database === undefined)
    throw new TypeError('snapshots need options.snapshots or a store with a database');
  return createSnapshotStore(store.database);
};
