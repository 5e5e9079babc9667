import { Producer, stringSerializer, type MessageToProduce } from '@platformatic/kafka';
import type { DeliveryReport, OutgoingMessage } from '../bus.js';
import { partitionChooser } from '../in-process/partition-for-key.js';
import { clientOptions, type KafkaBusOptions } from './kafka-bus-options.js';

interface Pending {
  readonly messages: readonly OutgoingMessage[];
  /** Each message's create time: its own, or the time of the publish call. */
  readonly timestamps: readonly bigint[];
  readonly earliest: bigint;
  readonly latest: bigint;
  readonly resolve: (reports: DeliveryReport[]) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Where the messages of one publish go: per message its partition and its place among the messages of this send
 * to that partition (two flat arrays, not an object per message: a relay page is hundreds of messages).
 */
interface Placed {
  readonly pending: Pending;
  readonly partitions: number[];
  readonly indexes: number[];
}

export interface KafkaPublisher {
  publish(messages: readonly OutgoingMessage[]): Promise<DeliveryReport[]>;
  close(): Promise<void>;
}

/** Most messages one produce request carries; a bigger backlog goes out in several requests. */
const maxMessagesPerSend = 10_000;

/**
 * Widest spread of create times in one send. A record carries its time as a delta from its batch's first record,
 * and the client (1.35) encodes deltas beyond 32 bits wrongly; within this window every delta fits.
 */
const maxTimestampSpreadMs = 2n ** 31n - 1n;

const newProducer = (options: KafkaBusOptions) =>
  new Producer<string, Buffer, string, string>({
    ...clientOptions(options, 'producer'),
    idempotent: true,
    acks: -1,
    serializers: { key: stringSerializer, headerKey: stringSerializer, headerValue: stringSerializer },
  });

/**
 * Idempotent producer (acks=all, sequence numbers per partition) behind a single-file queue. The client keeps the
 * idempotent sequence numbers per partition and only advances them when a send completes, so two sends in flight
 * to one partition would reuse a sequence number and be refused; one send at a time avoids that, and every publish
 * that arrived while a send was in flight is batched into the next one.
 *
 * A failed send (the client's bounded retries ran out, typically while the broker is away) rejects its callers and
 * retires the producer: the broker may have written that batch before it went away, and the next send, reusing its
 * sequence numbers under the same producer id, would be taken for a duplicate of it and silently dropped. A fresh
 * producer id starts its own sequences; a batch the caller publishes again may then be in the log twice, which the
 * consumers' inbox absorbs (same event id).
 */
export const createKafkaPublisher = (options: KafkaBusOptions): KafkaPublisher => {
  let producer = newProducer(options);
  let queue: Pending[] = [];
  let sending = false;
  const choosePartition = partitionChooser();

  /**
   * Every message gets its partition here, not in the client: the client wraps a partition the topic lacks around
   * (`%`), and keeps no record of where a keyless message went. The counts come from the client's metadata cache.
   */
  const partitionCounts = async (batch: readonly Pending[]): Promise<Map<string, number>> => {
    const topics = [...new Set(batch.flatMap((pending) => pending.messages.map((m) => m.topic)))];
    const metadata = await producer.metadata({ topics, autocreateTopics: false });
    return new Map(topics.map((topic) => [topic, metadata.topics.get(topic)?.partitionsCount ?? 0]));
  };

  const drain = async (): Promise<void> => {
    sending = true;
    while (queue.length > 0) {
      const batch: Pending[] = [];
      let count = 0;
      let earliest = queue[0]!.earliest;
      let latest = queue[0]!.latest;
      while (queue.length > 0) {
        const next = queue[0]!;
        const from = next.earliest < earliest ? next.earliest : earliest;
        const to = next.latest > latest ? next.latest : latest;
        if (
          batch.length > 0 &&
          (count + next.messages.length > maxMessagesPerSend || to - from > maxTimestampSpreadMs)
        )
          break;
        queue.shift();
        batch.push(next);
        count += next.messages.length;
        [earliest, latest] = [from, to];
      }
      let counts: Map<string, number>;
      try {
        counts = await partitionCounts(batch);
      } catch (error) {
        for (const pending of batch)
          pending.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      // A publish naming a partition its topic lacks fails alone; the others in this send go on.
      const sent = new Map<string, number[]>(); // per topic, messages of this send so far per partition
      const accepted: Placed[] = [];
      const messages: MessageToProduce<string, Buffer, string, string>[] = [];
      for (const pending of batch) {
        const placed: Placed = { pending, partitions: [], indexes: [] };
        try {
          for (const message of pending.messages) {
            const count = counts.get(message.topic) ?? 0;
            if (count === 0) throw new Error(`topic ${message.topic} does not exist`);
            const partition = choosePartition(message, count);
            let perPartition = sent.get(message.topic);
            if (perPartition === undefined)
              sent.set(message.topic, (perPartition = new Array<number>(count).fill(0)));
            placed.partitions.push(partition);
            placed.indexes.push(perPartition[partition]!++);
          }
        } catch (error) {
          // Undo this publish's places: its messages are not sent.
          placed.partitions.forEach(
            (partition, i) => (sent.get(pending.messages[i]!.topic)![partition]! -= 1),
          );
          pending.reject(error instanceof Error ? error : new Error(String(error)));
          continue;
        }
        accepted.push(placed);
        pending.messages.forEach((message, i) =>
          messages.push({
            topic: message.topic,
            partition: placed.partitions[i]!,
            timestamp: pending.timestamps[i]!,
            ...(message.key === null ? {} : { key: message.key }),
            value: Buffer.from(message.value.buffer, message.value.byteOffset, message.value.byteLength),
            headers: message.headers,
          }),
        );
      }
      if (accepted.length === 0) continue;
      try {
        const result = await producer.send({ messages });
        const baseOffsets = new Map<string, bigint[]>();
        for (const { topic, partition, offset } of result.offsets ?? []) {
          let perPartition = baseOffsets.get(topic);
          if (perPartition === undefined) baseOffsets.set(topic, (perPartition = []));
          perPartition[partition] = BigInt(offset);
        }
        for (const { pending, partitions, indexes } of accepted) {
          const reports: DeliveryReport[] = [];
          pending.messages.forEach((message, i) => {
            const base = baseOffsets.get(message.topic)?.[partitions[i]!] ?? 0n;
            reports.push({
              topic: message.topic,
              partition: partitions[i]!,
              offset: String(base + BigInt(indexes[i]!)),
              timestamp: new Date(Number(pending.timestamps[i])),
            });
          });
          pending.resolve(reports);
        }
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        const retired = producer;
        producer = newProducer(options);
        retired.close().catch(() => undefined);
        for (const { pending } of accepted) pending.reject(failure);
      }
    }
    sending = false;
  };

  return {
    publish: (messages) => {
      if (messages.length === 0) return Promise.resolve([]);
      const now = BigInt(Date.now());
      const timestamps = messages.map((m) =>
        m.timestamp === undefined ? now : BigInt(m.timestamp.getTime()),
      );
      const earliest = timestamps.reduce((a, b) => (b < a ? b : a));
      const latest = timestamps.reduce((a, b) => (b > a ? b : a));
      if (latest - earliest > maxTimestampSpreadMs)
        return Promise.reject(
          new RangeError(
            'the create times of messages published together must lie within 24 days of each other; publish them apart',
          ),
        );
      return new Promise<DeliveryReport[]>((resolve, reject) => {
        queue.push({ messages, timestamps, earliest, latest, resolve, reject });
        if (!sending) void drain();
      });
    },
    close: async () => {
      const unsent = queue;
      queue = [];
      for (const pending of unsent)
        pending.reject(new Error('the Kafka bus was closed before this publish was sent'));
      await producer.close();
    },
  };
};
