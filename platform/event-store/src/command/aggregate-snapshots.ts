import type { Sql } from '../database/database.js';
import { restoreSnapshot } from '../snapshots/restore-snapshot.js';
import { snapshotDue } from '../snapshots/snapshot-due.js';
import { assertSnapshotPolicy, type SnapshotPolicy } from '../snapshots/snapshot-policy.js';
import { createSnapshotStore, type SnapshotStore } from '../snapshots/snapshot-store.js';
import type { LoadedAggregate } from './load-aggregate.js';

export interface AggregateSnapshotOptions<State> {
  readonly snapshot?: SnapshotPolicy<State>;
  /** Where snapshots live; defaults to `omnistream.snapshots` in the store's database. */
  readonly snapshots?: SnapshotStore;
  /** A snapshot that cannot be read or written never fails a command; it is reported here instead. */
  readonly onSnapshotError?: (error: unknown, streamId: string) => void;
}

export interface AggregateSnapshots<State> {
  /** Where loading starts: the stream's snapshot when there is a usable one, else the initial state. */
  start(streamId: string): Promise<LoadedAggregate<State>>;
  /** Writes a snapshot when the append from `before` to `after` crossed the policy's interval. */
  save(streamId: string, before: number, after: number, state: State): Promise<void>;
}

/** The snapshot side of the command handlers: both read and write snapshots the same way. */
export const aggregateSnapshots = <State>(
  store: { readonly database?: Sql },
  initialState: () => State,
  options: AggregateSnapshotOptions<State>,
): AggregateSnapshots<State> => {
  const { snapshot: policy, onSnapshotError = () => {} } = options;
  if (policy !== undefined) assertSnapshotPolicy(policy as SnapshotPolicy<unknown>);
  const snapshots = policy === undefined ? undefined : (options.snapshots ?? snapshotStoreOf(store));
  return {
    start: async (streamId) => {
      const initial = { state: initialState(), version: 0 };
      if (policy === undefined || snapshots === undefined) return initial;
      try {
        const stored = await snapshots.read(streamId);
        return (stored && restoreSnapshot(policy, stored)) ?? initial;
      } catch (error) {
        onSnapshotError(error, streamId);
        return initial;
      }
    },
    save: async (streamId, before, after, state) => {
      if (policy === undefined || snapshots === undefined || !snapshotDue(policy.every, before, after))
        return;
      try {
        const json = policy.toJSON === undefined ? state : policy.toJSON(state);
        await snapshots.write(streamId, { version: after, snapshotVersion: policy.version, state: json });
      } catch (error) {
        onSnapshotError(error, streamId);
      }
    },
  };
};

const snapshotStoreOf = (store: { readonly database?: Sql }): SnapshotStore => {
  if (store.database === undefined)
    throw new TypeError('snapshots need options.snapshots or a store with a database');
  return createSnapshotStore(store.database);
};
