import { DomainError, type EventEnvelope } from '@omnistream/kernel';
import { streamCategory } from '@omnistream/event-store';
import type { EncodedEvent, PublicEventCodec, PublicEventRoute } from '../public-event-codec.js';

export const ORDER_PLACED_SCHEMA_ID = 7;

/**
 * A small public event codec for tests: `order-*` streams are public (topic `orders.order`), others private. It
 * really validates (OrderPlaced needs an integer `total`; other types have no registered schema) and really writes
 * the Confluent wire format. `accept` lets a test "fix the schema" of a bad event.
 */
export const ordersCodec = (accept: (event: EventEnvelope) => boolean = () => false): PublicEventCodec => ({
  route: (event): PublicEventRoute | undefined =>
    streamCategory(event.streamId) === 'order'
      ? { topic: 'orders.order', subject: `orders.order-${event.type}` }
      : undefined,
  encode: (event): Promise<EncodedEvent> => {
    if (event.type !== 'OrderPlaced')
      return Promise.reject(
        new DomainError('SCHEMA_NOT_REGISTERED', `no schema for orders.order-${event.type}`),
      );
    const data = event.data as { total?: unknown };
    if (!Number.isInteger(data.total) && !accept(event))
      return Promise.reject(new DomainError('SCHEMA_VALIDATION_FAILED', '/total must be integer'));
    const json = Buffer.from(JSON.stringify(event.data));
    const value = Buffer.alloc(5 + json.length);
    value.writeUInt8(0, 0);
    value.writeInt32BE(ORDER_PLACED_SCHEMA_ID, 1);
    json.copy(value, 5);
    return Promise.resolve({
      topic: 'orders.order',
      subject: 'orders.order-OrderPlaced',
      schemaId: ORDER_PLACED_SCHEMA_ID,
      value: new Uint8Array(value),
    });
  },
});
