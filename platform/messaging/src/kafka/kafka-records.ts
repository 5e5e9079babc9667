import type { RecordsBatch } from '@platformatic/kafka';
import type { IncomingMessage } from '../bus.js';

/** Record batch attribute bit 5: a transaction marker, not a message (Kafka protocol, "Record Batch"). */
const controlBatch = 1 << 5;

/** The part of a Fetch response partition this adapter reads (the client does not export the type). */
export interface FetchResponsePartition {
  readonly partitionIndex: number;
  readonly records?: readonly RecordsBatch[];
}

export interface FetchedPartition {
  readonly messages: IncomingMessage[];
  /** The offset after the last record the broker returned (messages or markers): where the next fetch starts. */
  readonly next: bigint;
}

const text = (bytes: Buffer | null): string => (bytes === null ? '' : bytes.toString('utf8'));

/** The messages of one partition's fetch response from `from` on (a batch may start before the offset asked for). */
export const fetchedMessages = (
  topic: string,
  response: FetchResponsePartition,
  from: bigint,
): FetchedPartition => {
  const messages: IncomingMessage[] = [];
  let next = from;
  for (const batch of response.records ?? []) {
    const end = batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n;
    if (end > next) next = end;
    if ((batch.attributes & controlBatch) !== 0) continue;
    for (const record of batch.records) {
      const offset = batch.firstOffset + BigInt(record.offsetDelta);
      if (offset < from) continue;
      const headers: Record<string, string> = {};
      for (const [name, value] of record.headers)
        if (name !== null) headers[name.toString('utf8')] = text(value);
      messages.push({
        topic,
        partition: response.partitionIndex,
        offset: offset.toString(),
        key: record.key === null ? null : record.key.toString('utf8'),
        value: record.value === null ? new Uint8Array(0) : new Uint8Array(record.value),
        headers,
        timestamp: new Date(Number(batch.firstTimestamp + record.timestampDelta)),
      });
    }
  }
  return { messages, next };
};
