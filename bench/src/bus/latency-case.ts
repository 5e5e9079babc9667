import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { uuidV7, type EventEnvelope } from '@omnistream/kernel';
import { eventHeaders, startOutboxRelay } from '@omnistream/messaging';
import type { BenchResult } from '../bench-report.js';
import { orderLineEvent } from '../event-store/order-line-event.js';
import { percentile } from '../percentile.js';
import { createArrivals } from './arrivals.js';
import type { BusBenchContext } from './bus-bench-context.js';
import { pace } from './pace.js';
import { RELAY_NAME } from './relay-throughput-case.js';
import { SERVER_NODE_ARGS } from '../node-args.js';

const ARRIVAL_TIMEOUT_MS = 60_000;
const CHILD = fileURLToPath(new URL('./consumer-process.ts', import.meta.url));

type Arrivals = ReturnType<typeof createArrivals>;

/** Starts the consumer process and resolves once its group member has joined. */
const startConsumerProcess = async (
  context: BusBenchContext,
  mode: 'runtime' | 'batch' | 'bare',
  topic: string,
  arrivals: Arrivals,
): Promise<ChildProcess> => {
  const config = {
    mode,
    postgresUrl: context.postgresUrl,
    brokers: context.kafka.brokers,
    topic,
    group: `bench-${mode}-${Date.now()}`,
  };
  const child = fork(CHILD, [JSON.stringify(config)], {
    execArgv: [...SERVER_NODE_ARGS, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (message: { arrived?: [string, number][] }) => {
    for (const [id, at] of message.arrived ?? []) arrivals.arrived(id, at);
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the ${mode} consumer process exited with ${String(code)}`)),
    );
    child.on('message', (message: { ready?: boolean }) => message.ready === true && resolve());
  });
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // its first fetches are under way
  return child;
};

const stopConsumerProcess = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.send({ stop: true });
  await exited;
};

const envelopeFor = (orderId: string): EventEnvelope => {
  const event = orderLineEvent(orderId, 0);
  return {
    id: uuidV7(),
    type: event.type,
    streamId: `order-${orderId}`,
    version: 1,
    data: event.data,
    metadata: event.metadata ?? {},
    globalPosition: 1n,
    transactionId: 1n,
    recordedAt: new Date().toISOString(),
  };
};

/**
 * Append-to-handler latency at a fixed offered rate: single-event appends on schedule (open loop), published by
 * the outbox relay, consumed by the consumer runtime (inbox row and handler in one PostgreSQL transaction) in a
 * process of its own, timed from the append call to the handler on one machine's wall clock. Ceiling: the same
 * rate published with the bare Kafka adapter and consumed by the bare adapter in the same kind of process, without
 * the store, the relay or the inbox. Latency ratios are ceiling / value: 1.0 would be as fast as bare Kafka.
 */
export const latencyCase = async (
  context: BusBenchContext,
  ratePerSecond: number,
  mode: 'runtime' | 'batch',
): Promise<BenchResult[]> => {
  const durationMs = context.quick ? 3_000 : 10_000;

  const subjectArrivals = createArrivals();
  // The throughput case's relay: its checkpoint is at the end of the feed, so nothing old is published again.
  const relay = startOutboxRelay({
    store: context.store,
    bus: context.bus,
    codec: context.codec,
    name: RELAY_NAME,
  });
  await relay.subscription.caughtUp();
  const runtime = await startConsumerProcess(context, mode, context.topic, subjectArrivals);
  let subject: { sent: number; seconds: number };
  try {
    subject = await pace(ratePerSecond, durationMs, async () => {
      const orderId = uuidV7();
      const event = { ...orderLineEvent(orderId, 0), id: uuidV7() };
      subjectArrivals.sent(event.id);
      await context.store.append(`order-${orderId}`, [event], { expectedVersion: 'no_stream' });
    });
    await subjectArrivals.waitFor(subject.sent, ARRIVAL_TIMEOUT_MS);
  } finally {
    await stopConsumerProcess(runtime);
    await relay.stop();
  }

  const ceilingArrivals = createArrivals();
  const bare = await startConsumerProcess(context, 'bare', context.ceilingTopic, ceilingArrivals);
  let ceiling: { sent: number; seconds: number };
  try {
    ceiling = await pace(ratePerSecond, durationMs, async () => {
      const envelope = envelopeFor(uuidV7());
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
    await stopConsumerProcess(bare);
  }

  const result = (p: number): BenchResult => {
    const value = percentile(subjectArrivals.latencies(), p);
    const bareValue = percentile(ceilingArrivals.latencies(), p);
    return {
      case: `append to handler p${p}, ${ratePerSecond} events/s offered${mode === 'batch' ? ', batch mode' : ''}`,
      adapter: 'postgres+kafka',
      value,
      unit: 'ms',
      ceiling: bareValue,
      ratio: value === 0 ? 0 : bareValue / value,
      p50Ms: percentile(subjectArrivals.latencies(), 50),
      p99Ms: percentile(subjectArrivals.latencies(), 99),
      ceilingP50Ms: percentile(ceilingArrivals.latencies(), 50),
      ceilingP99Ms: percentile(ceilingArrivals.latencies(), 99),
      notes:
        `${subject.sent} events in ${subject.seconds.toFixed(1)} s: store, relay, Kafka, consumer runtime in its own process ` +
        `(${mode === 'batch' ? 'one transaction per fetched batch' : 'one transaction per message'}); ` +
        `ceiling: ${ceiling.sent} messages in ${ceiling.seconds.toFixed(1)} s through the bare Kafka adapter to a bare consumer process; ratio = ceiling / value`,
    };
  };
  return [result(50), result(99)];
};
