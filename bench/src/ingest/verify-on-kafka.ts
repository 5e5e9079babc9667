import { Consumer } from '@platformatic/kafka';
import type { IncomingMessage } from '@omnistream/messaging';
import { createKafkaBus } from '@omnistream/messaging/kafka';
import { CLEARTEXT_EMAIL_DOMAIN } from './order-record.js';

const EARLIEST = -2n;
const LATEST = -1n;
const SAMPLE_TIMEOUT_MS = 30_000;

/** Records the topic holds: the sum over its partitions of high watermark minus log start. */
export const countRecords = async (brokers: readonly string[], topic: string): Promise<number> => {
  const consumer = new Consumer({
    clientId: 'omnistream-bench-ingest-count',
    bootstrapBrokers: [...brokers],
    groupId: `omnistream-bench-ingest-count-${topic}`,
  });
  try {
    const ends = (await consumer.listOffsets({ topics: [topic], timestamp: LATEST })).get(topic) ?? [];
    const starts = (await consumer.listOffsets({ topics: [topic], timestamp: EARLIEST })).get(topic) ?? [];
    return ends.reduce((sum, end, partition) => sum + Number(end - (starts[partition] ?? 0n)), 0);
  } finally {
    await consumer.close();
  }
};

/** One record of the topic, read through the bus adapter from the earliest offset. */
const firstRecord = async (
  brokers: readonly string[],
  topic: string,
): Promise<IncomingMessage | undefined> => {
  const bus = createKafkaBus({ brokers, clientId: 'omnistream-bench-ingest-sample' });
  let resolveSample: (message: IncomingMessage | undefined) => void = () => {};
  const sample = new Promise<IncomingMessage | undefined>((resolve) => (resolveSample = resolve));
  const timer = setTimeout(() => resolveSample(undefined), SAMPLE_TIMEOUT_MS);
  try {
    const consumer = await bus.consume({
      group: `omnistream-bench-ingest-sample-${topic}`,
      topics: [topic],
      startFrom: 'earliest',
      handle: (messages) => {
        resolveSample(messages[0]);
        return Promise.resolve();
      },
    });
    const message = await sample;
    await consumer.stop();
    return message;
  } finally {
    clearTimeout(timer);
    await bus.close();
  }
};

/**
 * Whether a record on the topic had its email tokenized: says `tokenized`, `CLEARTEXT`, or why it cannot tell.
 * Never returns the value itself (STYLE.md 12: no personal or tokenized values in output).
 */
export const sampleEmailState = async (brokers: readonly string[], topic: string): Promise<string> => {
  const message = await firstRecord(brokers, topic);
  if (message === undefined) return `no record read within ${SAMPLE_TIMEOUT_MS / 1000} s`;
  const bytes = Buffer.from(message.value);
  // Confluent wire format: magic byte 0 and a 4-byte schema id before the JSON.
  const json = bytes[0] === 0 && bytes.length > 5 ? bytes.subarray(5) : bytes;
  let email: unknown;
  try {
    email = (JSON.parse(json.toString()) as { email?: unknown }).email;
  } catch {
    return 'sample value is not JSON (nor wire-format JSON)';
  }
  if (typeof email !== 'string') return 'sample record has no email field';
  if (email.endsWith(CLEARTEXT_EMAIL_DOMAIN)) return 'CLEARTEXT (email not tokenized)';
  return email.startsWith('tok_')
    ? 'tokenized (tok_ token)'
    : 'replaced (not the cleartext, not a tok_ token)';
};
