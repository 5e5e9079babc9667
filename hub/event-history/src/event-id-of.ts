import { EVENT_HEADERS, type IncomingMessage } from '@omnistream/messaging';
import { storableText } from './storable-text.js';

/**
 * The id the history files a message under: its `event-id` header, else its coordinates `topic/partition/offset`.
 * Hops reported for a message must use the same id to land on its event.
 */
export const eventIdOf = (message: IncomingMessage): string => {
  const eventId = message.headers[EVENT_HEADERS.eventId];
  return eventId === undefined || eventId === ''
    ? `${storableText(message.topic)}/${message.partition}/${message.offset}`
    : storableText(eventId);
};
