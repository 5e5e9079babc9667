import type { OutgoingMessage } from '@omnistream/messaging';
import { createRawProducer } from '../bus/raw-producer.js';
import { measureThroughput } from '../measure-throughput.js';
import { percentile } from '../percentile.js';
import { fillIn } from './load-request.js';
import { orderRecord } from './order-record.js';

/** A random token's length (`tok_` + 32 base64url characters, hub/tokenization README). */
const TOKEN = `tok_${'A'.repeat(32)}`;

/** Confluent wire format (magic byte 0, 4-byte big-endian schema id, JSON): what the proxy writes per record. */
const wireValue = (schemaId: number, json: string): Uint8Array => {
  const body = Buffer.from(json);
  const value = Buffer.alloc(5 + body.length);
  value.writeUInt8(0, 0);
  value.writeUInt32BE(schemaId, 1);
  body.copy(value, 5);
  return value;
};

/** `size` messages as the proxy would write a batch: same keys, same tokenized JSON, same wire format. */
const batchOf = (topic: string, schemaId: number, size: number, worker: number): OutgoingMessage[] =>
  Array.from({ length: size }, (_, index) => {
    const record = orderRecord('raw', index);
    return {
      topic,
      key: fillIn(`raw-{n}-${index}`, worker),
      value: wireValue(schemaId, fillIn(JSON.stringify({ ...record, email: TOKEN, phone: TOKEN }), worker)),
      headers: {},
    };
  });

export interface RawProduceRate {
  readonly recordsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly records: number;
}

/**
 * The Kafka client's own produce rate to the broker: `senders` idempotent producers (acks=all, as the bus adapter
 * runs them), each sending prepared batches of `size` records back to back (the client's
 * idempotent sequence numbers allow one send in flight per producer).
 */
export const measureRawProduce = async (options: {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly schemaId: number;
  readonly size: number;
  readonly senders: number;
  readonly durationMs: number;
  readonly warmupMs: number;
}): Promise<RawProduceRate> => {
  const producers = Array.from({ length: options.senders }, () => createRawProducer(options.brokers));
  const batches = producers.map((_, worker) =>
    batchOf(options.topic, options.schemaId, options.size, worker),
  );
  try {
    const measured = await measureThroughput({
      workers: options.senders,
      durationMs: options.durationMs,
      warmupMs: options.warmupMs,
      op: async (worker) => {
        await producers[worker]?.send(batches[worker] ?? []);
        return options.size;
      },
    });
    return {
      recordsPerSecond: measured.seconds === 0 ? 0 : measured.items / measured.seconds,
      p50Ms: percentile(measured.latencies, 50),
      p99Ms: percentile(measured.latencies, 99),
      records: measured.items,
    };
  } finally {
    await Promise.all(producers.map((producer) => producer.close()));
  }
};
