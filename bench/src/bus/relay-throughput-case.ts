import { performance } from 'node:perf_hooks';
import { uuidV7, type EventEnvelope } from '@omnistream/kernel';
import { eventHeaders, startOutboxRelay, type OutgoingMessage } from '@omnistream/messaging';
import type { BenchResult } from '../bench-report.js';
import { orderLineEvent } from '../event-store/order-line-event.js';
import type { BusBenchContext } from './bus-bench-context.js';
import { createRawProducer } from './raw-producer.js';

/** Events the relay reads and publishes per feed page; the ceiling sends batches of the same size. */
export const RELAY_BATCH = 500;
export const RELAY_NAME = 'bench-relay';
const APPEND_CONCURRENCY = 32;

/** Appends `count` single-event streams with 32 concurrent writers (group commit); not timed. */
const appendBacklog = async ({ store }: BusBenchContext, count: number): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: APPEND_CONCURRENCY }, async () => {
      while (next < count) {
        next += 1;
        const orderId = uuidV7();
        await store.append(`order-${orderId}`, [orderLineEvent(orderId, next % 5)], {
          expectedVersion: 'no_stream',
        });
      }
    }),
  );
};

/** The messages the relay would send for `count` events, prepared before the clock starts. */
const ceilingMessages = async (
  { codec, ceilingTopic }: BusBenchContext,
  count: number,
): Promise<OutgoingMessage[]> => {
  const messages: OutgoingMessage[] = [];
  for (let index = 0; index < count; index += 1) {
    const orderId = uuidV7();
    const event = orderLineEvent(orderId, index % 5);
    const envelope: EventEnvelope = {
      id: uuidV7(),
      type: event.type,
      streamId: `order-${orderId}`,
      version: 1,
      data: event.data,
      metadata: event.metadata ?? {},
      globalPosition: BigInt(index + 1),
      transactionId: 1n,
      recordedAt: new Date().toISOString(),
    };
    const encoded = await codec.encode(envelope);
    messages.push({
      topic: ceilingTopic,
      key: envelope.streamId,
      value: encoded.value,
      headers: eventHeaders(envelope, encoded.schemaId),
    });
  }
  return messages;
};

/**
 * Relay throughput: a backlog of committed events is published by the outbox relay (feed read, schema check,
 * wire format, idempotent produce, checkpoint); ceiling: the Kafka client producing the same messages, already
 * encoded, in batches of the same size to the same broker. Rounds alternate so drift hits both alike.
 */
export const relayThroughputCase = async (context: BusBenchContext): Promise<BenchResult> => {
  const perRound = context.quick ? 10_000 : 40_000;
  const rounds = context.quick ? 2 : 4;
  const raw = createRawProducer(context.kafka.brokers);
  const sides = { ceiling: { events: 0, seconds: 0 }, subject: { events: 0, seconds: 0 } };
  const runCeiling = async (measured: boolean) => {
    const messages = await ceilingMessages(context, perRound);
    const started = performance.now();
    for (let from = 0; from < messages.length; from += RELAY_BATCH)
      await raw.send(messages.slice(from, from + RELAY_BATCH));
    if (measured) {
      sides.ceiling.events += messages.length;
      sides.ceiling.seconds += (performance.now() - started) / 1000;
    }
  };
  const runSubject = async (measured: boolean) => {
    await appendBacklog(context, perRound);
    const started = performance.now();
    const relay = startOutboxRelay({
      store: context.store,
      bus: context.bus,
      codec: context.codec,
      name: RELAY_NAME,
      batchSize: RELAY_BATCH,
    });
    await relay.subscription.caughtUp();
    const seconds = (performance.now() - started) / 1000;
    await relay.stop();
    if (measured) {
      sides.subject.events += perRound;
      sides.subject.seconds += seconds;
    }
  };
  try {
    await runCeiling(false); // warm-up: connections, metadata, JIT
    await runSubject(false);
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? [runCeiling, runSubject] : [runSubject, runCeiling];
      for (const run of order) await run(true);
    }
  } finally {
    await raw.close();
  }
  const rate = (side: { events: number; seconds: number }) => side.events / side.seconds;
  return {
    case: `relay store to Kafka, pages of ${RELAY_BATCH}`,
    adapter: 'postgres+kafka',
    value: rate(sides.subject),
    unit: 'events/s',
    ceiling: rate(sides.ceiling),
    ratio: rate(sides.subject) / rate(sides.ceiling),
    notes: `${rounds} rounds of ${perRound} events each side; ${context.partitions} partitions; ceiling: raw idempotent produce of the same encoded messages in batches of ${RELAY_BATCH}`,
  };
};
