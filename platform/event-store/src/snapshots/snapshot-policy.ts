/**
 * How a decider's state is snapshotted (DESIGN.md: "Snapshots for long streams"). A snapshot is only an
 * optimisation: loading without it must give the same state, so losing or ignoring one is always safe.
 */
export interface SnapshotPolicy<State> {
  /** Write a snapshot whenever an append carries the stream across a multiple of this many events. */
  readonly every: number;
  /**
   * The shape of the stored state. Bump it whenever State (or toJSON) changes shape: snapshots of another
   * version are ignored on load and replaced by the next write, so no snapshot migration is ever needed.
   */
  readonly version: number;
  /** For states JSON cannot carry as they are (Map, Set, bigint); defaults to the state itself. */
  readonly toJSON?: (state: State) => unknown;
  /** The inverse of toJSON; defaults to the stored JSON itself. */
  readonly fromJSON?: (json: unknown) => State;
}

/** Fails at wiring time rather than silently never snapshotting. */
export const assertSnapshotPolicy = (policy: SnapshotPolicy<unknown>): void => {
  if (!Number.isSafeInteger(policy.every) || policy.every < 1)
    throw new TypeError(`snapshot.every must be a whole number of events >= 1, got ${policy.every}`);
  if (!Number.isSafeInteger(policy.version))
    throw new TypeError(`snapshot.version must be a whole number, got ${policy.version}`);
};
