import type { Consumer } from '@platformatic/kafka';
import { type FetchedPartition, fetchedMessages } from './kafka-records.js';

export interface FetchPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
}

export interface FetchResult extends FetchedPartition {
  readonly topic: string;
  readonly partition: number;
  /** The offset this partition was fetched from. */
  readonly from: bigint;
}

const readCommitted = 1;

/**
 * One Fetch request per partition leader for the given positions, answering per partition with the messages from the
 * position on. Waits up to `maxWaitMs` when nothing new is there (a long poll, not a busy loop). Reads committed
 * data only, so messages of aborted transactions of other producers never reach a handler.
 */
export const fetchPositions = async (
  consumer: Consumer,
  topics: readonly string[],
  positions: readonly FetchPosition[],
  maxWaitMs: number,
): Promise<FetchResult[]> => {
  const metadata = await consumer.metadata({ topics: [...topics] });
  const topicById = new Map([...metadata.topics].map(([name, topic]) => [topic.id, name]));
  const byLeader = new Map<number, FetchPosition[]>();
  for (const position of positions) {
    const leader = metadata.topics.get(position.topic)?.partitions[position.partition]?.leader ?? -1;
    byLeader.set(leader, [...(byLeader.get(leader) ?? []), position]);
  }
  const answers = await Promise.all(
    [...byLeader].map(async ([node, asked]) => {
      const from = new Map(
        asked.map((position) => [`${position.topic}:${position.partition}`, position.offset]),
      );
      const response = await consumer.fetch({
        node,
        maxWaitTime: maxWaitMs,
        minBytes: 1,
        maxBytes: 16 * 1024 * 1024,
        isolationLevel: readCommitted,
        topics: asked.map((position) => ({
          topicId: metadata.topics.get(position.topic)?.id ?? '',
          partitions: [
            {
              partition: position.partition,
              fetchOffset: position.offset,
              partitionMaxBytes: 1024 * 1024,
              currentLeaderEpoch: -1,
              lastFetchedEpoch: -1,
            },
          ],
        })),
      });
      const results: FetchResult[] = [];
      for (const topicResponse of response.responses) {
        const topic = topicById.get(topicResponse.topicId) ?? '';
        for (const partitionResponse of topicResponse.partitions) {
          const offset = from.get(`${topic}:${partitionResponse.partitionIndex}`);
          if (offset === undefined) continue;
          const fetched = fetchedMessages(topic, partitionResponse, offset);
          results.push({ topic, partition: partitionResponse.partitionIndex, from: offset, ...fetched });
        }
      }
      return results;
    }),
  );
  return answers.flat();
};
