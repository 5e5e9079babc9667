import type { SnapshotPolicy } from './snapshot-policy.js';
import type { StoredSnapshot } from './snapshot-store.js';

/**
 * The state and version to resume folding from, or undefined when the snapshot is of another shape version:
 * reading it with today's fromJSON could yield a state the decider was never written for.
 */
export const restoreSnapshot = <State>(
  policy: SnapshotPolicy<State>,
  stored: StoredSnapshot,
): { readonly state: State; readonly version: number } | undefined => {
  if (stored.snapshotVersion !== policy.version) return undefined;
  const state = policy.fromJSON === undefined ? (stored.state as State) : policy.fromJSON(stored.state);
  return { state, version: stored.version };
};
