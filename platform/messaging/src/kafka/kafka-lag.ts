import type { Consumer } from '@platformatic/kafka';
import type { PartitionLag } from '../bus.js';

const earliest = -2n;
const latest = -1n;

/**
 * Lag of the consumer's group on every partition of `topics`: log-end offset minus committed offset. A partition
 * the group never committed on counts everything still in it (log-end minus log-start).
 */
export const groupLag = async (
  consumer: Consumer,
  group: string,
  topics: readonly string[],
): Promise<PartitionLag[]> => {
  const ends = await consumer.listOffsets({ topics: [...topics], timestamp: latest });
  const starts = await consumer.listOffsets({ topics: [...topics], timestamp: earliest });
  const committed = await consumer.listCommittedOffsets({
    topics: topics.map((topic) => ({ topic, partitions: (ends.get(topic) ?? []).map((_, index) => index) })),
  });
  const lags: PartitionLag[] = [];
  for (const topic of topics) {
    (ends.get(topic) ?? []).forEach((end, partition) => {
      const done = committed.get(topic)?.[partition] ?? -1n;
      const from = done >= 0n ? done : (starts.get(topic)?.[partition] ?? 0n);
      lags.push({ group, topic, partition, lag: Number(end > from ? end - from : 0n) });
    });
  }
  return lags;
};

/** Where a partition starts for this group: its committed offset, or the start or end of the log. */
export const startingOffset = async (
  consumer: Consumer,
  topic: string,
  partition: number,
  startFrom: 'earliest' | 'latest',
): Promise<bigint> => {
  const committed = await consumer.listCommittedOffsets({ topics: [{ topic, partitions: [partition] }] });
  const offset = committed.get(topic)?.[partition] ?? -1n;
  if (offset >= 0n) return offset;
  const ends = await consumer.listOffsets({
    topics: [topic],
    partitions: { [topic]: [partition] },
    timestamp: startFrom === 'earliest' ? earliest : latest,
  });
  return ends.get(topic)?.[partition] ?? 0n;
};
