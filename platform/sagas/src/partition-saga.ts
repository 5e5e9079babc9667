import { createHash } from 'node:crypto';
import type { AnySaga } from './saga-definition.js';

/** Which of `partitions` a saga instance belongs to: stable across processes and restarts. */
export const sagaPartitionOf = (instanceId: string, partitions: number): number =>
  createHash('sha1').update(instanceId, 'utf8').digest().readUInt32BE(0) % partitions;

/**
 * The same saga, seeing only the instances of one partition: run one subscription per partition and independent
 * instances proceed in parallel, while each instance still takes its inputs in feed order from one subscription.
 */
export const partitionSaga = (saga: AnySaga, partition: number, partitions: number): AnySaga => ({
  name: saga.name,
  correlate: (event) => {
    const correlation = saga.correlate(event);
    return correlation !== undefined && sagaPartitionOf(correlation.instanceId, partitions) === partition
      ? correlation
      : undefined;
  },
  initialState: () => saga.initialState(),
  evolve: (state, event) => saga.evolve(state, event),
  decide: (input, state, context) => saga.decide(input, state, context),
});
