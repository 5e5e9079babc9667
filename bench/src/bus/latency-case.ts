import { uuidV7 } from '@omnistream/kernel';
import { EVENT_HEADERS, eventHeaders, startConsumer, startOutboxRelay } from '@omnistream/messaging';
import type { BenchResult } from '../bench-report.js';
import { orderLineEvent } from '../event-store/order-line-event.js';
import { percentile } from '../percentile.js';
import { createArrivals } from './arrivals.js';
import type { BusBenchContext } from './bus-bench-context.js';
import { pace } from './pace.js';
import { RELAY_NAME } from './relay-throughput-case.js';

const ARRIVAL_TIMEOUT_MS = 60_000;

/**
 * Append-to-handler latency at a fixed offered rate: single-event appends on schedule (open loop), published by
 * the outbox relay, consumed by the consumer runtime (inbox row and handler in one transaction), timed from the
 * append call to the handler. Ceiling: the same rate through the bare Kafka adapter (publish, consume) without
 * the store, the relay or the inbox. Latency ratios are ceiling / value: 1.0 would be as fast as bare Kafka.
 */
export const latencyCase = async (
  context: BusBenchContext,
  ratePerSecond: number,
): Promise<BenchResult[]> => {
  const durationMs = context.quick ? 3_000 : 10_000;
  const run = `${Date.now()}`;

  // The subject: store, relay, Kafka, consumer runtime.
  const subjectArrivals = createArrivals();
  // The throughput case's relay: its checkpoint is at the end of the feed, so nothing old is published again.
  const relay = startOutboxRelay({
    store: context.store,
    bus: context.bus,
    codec: context.codec,
    name: RELAY_NAME,
  });
  await relay.subscription.caughtUp();
  const consumer = await startConsumer({
    bus: context.bus,
    db: context.consumerDb,
    group: `bench-latency-${run}`,
    topics: [context.topic],
    startFrom: 'latest',
    handle: (message) => {
      subjectArrivals.arrived(message.headers[EVENT_HEADERS.eventId] ?? '');
      return Promise.resolve();
    },
  });
  let subject: { sent: number; seconds: number };
  try {
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // the group's first fetch is under way
    subject = await pace(ratePerSecond, durationMs, async () => {
      const orderId = uuidV7();
      const event = { ...orderLineEvent(orderId, 0), id: uuidV7() };
      subjectArrivals.sent(event.id);
      await context.store.append(`order-${orderId}`, [event], { expectedVersion: 'no_stream' });
    });
    await subjectArrivals.waitFor(subject.sent, ARRIVAL_TIMEOUT_MS);
  } finally {
    await consumer.stop();
    await relay.stop();
  }

  // The ceiling: the bare bus adapter at the same rate, with the same encoded value and headers.
  const ceilingArrivals = createArrivals();
  const running = await context.bus.consume({
    group: `bench-latency-raw-${run}`,
    topics: [context.ceilingTopic],
    startFrom: 'latest',
    handle: (messages) => {
      for (const message of messages) ceilingArrivals.arrived(message.headers[EVENT_HEADERS.eventId] ?? '');
      return Promise.resolve();
    },
  });
  let ceiling: { sent: number; seconds: number };
  try {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    ceiling = await pace(ratePerSecond, durationMs, async () => {
      const orderId = uuidV7();
      const event = orderLineEvent(orderId, 0);
      const envelope = {
        ...event,
        id: uuidV7(),
        streamId: `order-${orderId}`,
        version: 1,
        metadata: event.metadata ?? {},
        globalPosition: 1n,
        transactionId: 1n,
        recordedAt: new Date().toISOString(),
      };
      const encoded = await context.codec.encode(envelope);
      ceilingArrivals.sent(envelope.id);
      await context.bus.publish([
        {
          topic: context.ceilingTopic,
          key: envelope.streamId,
          value: encoded.value,
          headers: eventHeaders(envelope, encoded.schemaId),
        },
      ]);
    });
    await ceilingArrivals.waitFor(ceiling.sent, ARRIVAL_TIMEOUT_MS);
  } finally {
    await running.stop();
  }

  const result = (p: number): BenchResult => {
    const value = percentile(subjectArrivals.latencies(), p);
    const bare = percentile(ceilingArrivals.latencies(), p);
    return {
      case: `append to handler p${p}, ${ratePerSecond} events/s offered`,
      adapter: 'postgres+kafka',
      value,
      unit: 'ms',
      ceiling: bare,
      ratio: value === 0 ? 0 : bare / value,
      p50Ms: percentile(subjectArrivals.latencies(), 50),
      p99Ms: percentile(subjectArrivals.latencies(), 99),
      ceilingP50Ms: percentile(ceilingArrivals.latencies(), 50),
      ceilingP99Ms: percentile(ceilingArrivals.latencies(), 99),
      notes:
        `${subject.sent} events in ${subject.seconds.toFixed(1)} s through store, relay and consumer runtime; ` +
        `ceiling: ${ceiling.sent} messages in ${ceiling.seconds.toFixed(1)} s through the bare Kafka adapter; ratio = ceiling / value`,
    };
  };
  return [result(50), result(99)];
};
