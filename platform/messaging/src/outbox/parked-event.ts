import type { EventEnvelope } from '@omnistream/kernel';
import type { IncomingMessage } from '../bus.js';
import { EVENT_HEADERS, eventHeaders } from '../event-headers.js';

/**
 * An event the relay could not encode, kept as a dead letter: the value is the whole envelope as JSON (feed
 * coordinates as decimal strings), so a redrive encodes it again once its schema is fixed; the offset is its feed
 * position `<transaction id>.<global position>`, and partition -1 says it never reached a partition.
 */
export const parkedEventMessage = (event: EventEnvelope, topic: string): IncomingMessage => ({
  topic,
  partition: -1,
  offset: `${event.transactionId}.${event.globalPosition}`,
  key: event.streamId,
  value: new TextEncoder().encode(
    JSON.stringify({
      ...event,
      globalPosition: String(event.globalPosition),
      transactionId: String(event.transactionId),
    }),
  ),
  headers: {
    ...eventHeaders(event, undefined),
    [EVENT_HEADERS.contentType]: 'application/vnd.omnistream.event+json',
  },
  timestamp: new Date(event.recordedAt),
});

export const eventFromParked = (message: IncomingMessage): EventEnvelope => {
  const raw = JSON.parse(new TextDecoder().decode(message.value)) as EventEnvelope & {
    globalPosition: string;
    transactionId: string;
  };
  return { ...raw, globalPosition: BigInt(raw.globalPosition), transactionId: BigInt(raw.transactionId) };
};
