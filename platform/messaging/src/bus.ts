/**
 * The bus port (DESIGN.md "Messaging"): what a module, the outbox relay and the consumer runtime see of the bus.
 * Two adapters implement it: in-process (embedded; a durable log in the platform database) and Kafka.
 * Nothing above this port knows which one runs.
 */

/** Header values are text; binary headers are not part of our contract. */
export type MessageHeaders = Readonly<Record<string, string>>;

export interface OutgoingMessage {
  readonly topic: string;
  /**
   * Partitioning key: the stream id for events, so one entity's messages stay in order. `null` is Kafka's null key
   * (records produced through the REST proxy without one); such messages are spread over the partitions.
   */
  readonly key: string | null;
  /** For public events, the Confluent wire format (magic byte 0, 4-byte big-endian schema id, JSON). */
  readonly value: Uint8Array;
  readonly headers: MessageHeaders;
  /**
   * The partition to write to. Absent: Kafka's default partitioner, `toPositive(murmur2(key)) % partitions`, the same
   * on both adapters. A partition the topic does not have is refused, never wrapped around.
   */
  readonly partition?: number;
  /** The record's create time. Absent: the time of the publish. */
  readonly timestamp?: Date;
}

export interface IncomingMessage extends Omit<OutgoingMessage, 'partition' | 'timestamp'> {
  readonly partition: number;
  /** The message's offset in its partition, as a decimal string (Kafka offsets are int64). */
  readonly offset: string;
  readonly timestamp: Date;
}

/** Where one published message was written: what the REST proxy reports back to a producer. */
export interface DeliveryReport {
  readonly topic: string;
  readonly partition: number;
  /** Decimal string, as on IncomingMessage. */
  readonly offset: string;
  readonly timestamp: Date;
}

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Absent: the broker's default. */
  readonly retentionMs?: number;
  /** Further topic configs, passed to the broker as they are (cleanup.policy, min.insync.replicas, ...). */
  readonly config?: Readonly<Record<string, string>>;
}

export interface ConsumeOptions {
  /** Consumer group: members share the partitions; offsets are committed per group. */
  readonly group: string;
  readonly topics: readonly string[];
  /**
   * Called with messages of one partition, in offset order, never concurrently for the same partition. Once it
   * resolves the adapter commits the offsets past them. If it rejects, nothing is committed and the same messages
   * are delivered again after a pause: the consumer runtime above makes redelivery harmless (inbox).
   */
  readonly handle: (messages: readonly IncomingMessage[]) => Promise<void>;
  /** Where a group with no committed offset starts. Defaults to 'earliest'. */
  readonly startFrom?: 'earliest' | 'latest';
}

export interface PartitionLag {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  /** Messages in the partition after the group's committed offset. */
  readonly lag: number;
}

export interface RunningConsumer {
  readonly group: string;
  /** Lag of this group on every partition of its topics. */
  lag(): Promise<PartitionLag[]>;
  /** Stops fetching, waits for the batch in hand to finish and commit, and leaves the group. */
  stop(): Promise<void>;
}

export interface Bus {
  readonly kind: 'in-process' | 'kafka';
  /** Creates missing topics; an existing topic is left as it is (partitions are never reduced). */
  provision(topics: readonly TopicSpec[]): Promise<void>;
  /**
   * Resolves once every message is durably accepted (Kafka: acks=all, idempotent producer), with one delivery report
   * per message, in the order given. All or nothing on the in-process bus; on Kafka a failed publish may still have
   * written some messages (the inbox of consumers absorbs a publish that is repeated).
   */
  publish(messages: readonly OutgoingMessage[]): Promise<DeliveryReport[]>;
  consume(options: ConsumeOptions): Promise<RunningConsumer>;
  close(): Promise<void>;
}
