import { Producer, stringSerializer } from '@platformatic/kafka';
import type { OutgoingMessage } from '../bus.js';
import { clientOptions, type KafkaBusOptions } from './kafka-bus-options.js';

interface Pending {
  readonly messages: readonly OutgoingMessage[];
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export interface KafkaPublisher {
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}

/** Most messages one produce request carries; a bigger backlog goes out in several requests. */
const maxMessagesPerSend = 10_000;

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

  const drain = async (): Promise<void> => {
    sending = true;
    while (queue.length > 0) {
      const batch: Pending[] = [];
      let count = 0;
      while (
        queue.length > 0 &&
        (batch.length === 0 || count + (queue[0]?.messages.length ?? 0) <= maxMessagesPerSend)
      ) {
        const next = queue.shift() as Pending;
        batch.push(next);
        count += next.messages.length;
      }
      try {
        await producer.send({
          messages: batch.flatMap((pending) =>
            pending.messages.map((message) => ({
              topic: message.topic,
              key: message.key,
              value: Buffer.from(message.value.buffer, message.value.byteOffset, message.value.byteLength),
              headers: new Map(Object.entries(message.headers)),
            })),
          ),
        });
        for (const pending of batch) pending.resolve();
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        const retired = producer;
        producer = newProducer(options);
        retired.close().catch(() => undefined);
        for (const pending of batch) pending.reject(failure);
      }
    }
    sending = false;
  };

  return {
    publish: (messages) => {
      if (messages.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ messages, resolve, reject });
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
