import type { IncomingMessage } from '@omnistream/messaging';

/** The Confluent wire format: magic byte 0, the schema id big-endian, then the JSON. */
export const wireFormat = (schemaId: number, value: unknown): Uint8Array => {
  const json = Buffer.from(JSON.stringify(value));
  const bytes = Buffer.alloc(5 + json.length);
  bytes.writeUInt32BE(schemaId, 1);
  json.copy(bytes, 5);
  return new Uint8Array(bytes);
};

export const plainJson = (value: unknown): Uint8Array => new Uint8Array(Buffer.from(JSON.stringify(value)));

let offset = 0;

/** A consumed message; every field can be overridden, offsets count up. */
export const message = (overrides: Partial<IncomingMessage> = {}): IncomingMessage => ({
  topic: 'orders.order',
  partition: 0,
  offset: String(offset++),
  key: 'order-1',
  value: plainJson({}),
  headers: {},
  timestamp: new Date('2026-01-01T10:00:00.000Z'),
  ...overrides,
});

/** A public event as the outbox relay publishes it. */
export const publicEvent = (
  id: string,
  options: {
    type?: string;
    correlationId?: string;
    causationId?: string;
    at?: string;
    key?: string;
    topic?: string;
    data?: unknown;
  } = {},
): IncomingMessage =>
  message({
    topic: options.topic ?? 'orders.order',
    key: options.key ?? 'order-1',
    value: wireFormat(7, options.data ?? { id }),
    timestamp: new Date(options.at ?? '2026-01-01T10:00:00.000Z'),
    headers: {
      'event-id': id,
      'event-type': options.type ?? 'OrderPlaced',
      ...(options.correlationId === undefined ? {} : { 'correlation-id': options.correlationId }),
      ...(options.causationId === undefined ? {} : { 'causation-id': options.causationId }),
    },
  });
