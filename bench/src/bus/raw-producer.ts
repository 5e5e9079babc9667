import { Producer, stringSerializer } from '@platformatic/kafka';
import type { OutgoingMessage } from '@omnistream/messaging';

/**
 * The ceiling's producer: the Kafka client itself, configured as the bus adapter's (idempotent, acks=all), sending
 * prepared messages in sequential batches: the client's idempotent sequence numbers allow one send in flight.
 */
export const createRawProducer = (brokers: readonly string[]) => {
  const producer = new Producer<string, Buffer, string, string>({
    clientId: 'omnistream-bench-raw',
    bootstrapBrokers: [...brokers],
    idempotent: true,
    acks: -1,
    serializers: { key: stringSerializer, headerKey: stringSerializer, headerValue: stringSerializer },
  });
  return {
    send: async (messages: readonly OutgoingMessage[]): Promise<void> => {
      await producer.send({
        messages: messages.map((message) => ({
          topic: message.topic,
          ...(message.key === null ? {} : { key: message.key }),
          value: Buffer.from(message.value),
          headers: new Map(Object.entries(message.headers)),
        })),
      });
    },
    close: () => producer.close(),
  };
};
