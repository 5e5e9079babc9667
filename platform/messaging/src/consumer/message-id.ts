import type { IncomingMessage } from '../bus.js';
import { EVENT_HEADERS } from '../event-headers.js';

/**
 * What the inbox dedupes on: the event id for events (so a republished event is still one message), otherwise
 * the message's coordinates, which a redelivery keeps.
 */
export const messageId = (message: IncomingMessage): string =>
  message.headers[EVENT_HEADERS.eventId] ?? `${message.topic}/${message.partition}/${message.offset}`;
