import type { GroupAssignment } from '@platformatic/kafka';

export interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  /** Next offset to hand to `handle`; undefined until read from the group's committed offset. */
  position: bigint | undefined;
  /** A batch of this partition is in the handler or being committed: it is not fetched meanwhile. */
  busy: boolean;
  /** A fetch for this partition is in flight: no second one is sent. */
  fetching: boolean;
  /** After a failure, the partition is not fetched again before this time (ms, performance.now()). */
  pausedUntil: number;
  /** The group took the partition away while a batch was in hand; forget it once that batch is done. */
  revoked: boolean;
  /** The group generation `position` was read in; a newer one reads the committed offset again. */
  generation: number;
}

export const partitionId = (topic: string, partition: number): string => `${topic}:${partition}`;

/**
 * Brings the states in line with the member's current assignment. In a new generation every partition that is not
 * busy forgets its position: another member may have moved it on while this one was out of the group (a lost
 * session, a broker restart), so the committed offset is the only position to trust.
 */
export const syncAssignment = (
  states: Map<string, PartitionState>,
  assignments: readonly GroupAssignment[],
  generation: number,
): void => {
  const assigned = new Set<string>();
  for (const { topic, partitions } of assignments) {
    for (const partition of partitions) {
      const id = partitionId(topic, partition);
      assigned.add(id);
      const state = states.get(id);
      if (state === undefined) {
        states.set(id, {
          topic,
          partition,
          position: undefined,
          busy: false,
          fetching: false,
          pausedUntil: 0,
          revoked: false,
          generation,
        });
      } else {
        state.revoked = false;
        if (state.generation !== generation && !state.busy)
          Object.assign(state, { position: undefined, generation });
      }
    }
  }
  for (const [id, state] of states) {
    if (assigned.has(id)) continue;
    if (state.busy) state.revoked = true;
    else states.delete(id);
  }
};
