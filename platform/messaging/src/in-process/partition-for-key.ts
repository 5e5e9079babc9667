import type { OutgoingMessage } from '../bus.js';

/**
 * Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2, seed 0x9747b28c) over the key's UTF-8 bytes.
 * Using the same hash as Kafka's default partitioner means a key lands on the same partition number in both
 * shapes, which keeps operators' mental model (and partition-level lag) the same.
 */
export const murmur2 = (data: Uint8Array): number => {
  const m = 0x5bd1e995;
  const length = data.length;
  let h = (0x9747b28c ^ length) | 0;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k =
      (data[i]! & 0xff) |
      ((data[i + 1]! & 0xff) << 8) |
      ((data[i + 2]! & 0xff) << 16) |
      ((data[i + 3]! & 0xff) << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const rest = length & 3;
  if (rest === 3) h ^= (data[whole + 2]! & 0xff) << 16;
  if (rest >= 2) h ^= (data[whole + 1]! & 0xff) << 8;
  if (rest >= 1) {
    h ^= data[whole]! & 0xff;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
};

const encoder = new TextEncoder();
/** Reused for keys up to its size (stream ids are short): hashing every message allocated an array each. */
const scratch = new Uint8Array(256);

const utf8Of = (key: string): Uint8Array => {
  if (key.length * 3 > scratch.length) return encoder.encode(key);
  const { written } = encoder.encodeInto(key, scratch);
  return scratch.subarray(0, written);
};

/** Kafka's default partitioner for keyed records: `toPositive(murmur2(key)) % partitions`. */
export const partitionForKey = (key: string, partitions: number): number =>
  (murmur2(utf8Of(key)) & 0x7fffffff) % partitions;

/** Thrown for a message addressed to a partition its topic does not have. */
export class UnknownPartitionError extends Error {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly partitions: number,
  ) {
    super(
      `partition ${partition} of topic ${topic} does not exist: the topic has ${partitions} (0 to ${partitions - 1})`,
    );
    this.name = 'UnknownPartitionError';
  }
}

/**
 * The partition a message goes to, the same way on both adapters: the one it names, else Kafka's default
 * partitioner for its key, else (a null key) the next partition of the topic in turn.
 */
export const partitionChooser = () => {
  const nextByTopic = new Map<string, number>();
  return (message: OutgoingMessage, partitions: number): number => {
    if (message.partition !== undefined) {
      if (!Number.isInteger(message.partition) || message.partition < 0 || message.partition >= partitions)
        throw new UnknownPartitionError(message.topic, message.partition, partitions);
      return message.partition;
    }
    if (message.key !== null) return partitionForKey(message.key, partitions);
    const next = nextByTopic.get(message.topic) ?? 0;
    nextByTopic.set(message.topic, next + 1);
    return next % partitions;
  };
};
