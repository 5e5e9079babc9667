import type { IncomingMessage } from '@omnistream/messaging';
import { EVENT_HEADERS } from '@omnistream/messaging';
import { decodePayload } from './decode-payload.js';
import { eventIdOf } from './event-id-of.js';
import type { Hop } from './event-hop.js';
import { HOP_COMPONENT_HEADER, HOP_HEADER } from './hop-headers.js';
import { storableText } from './storable-text.js';

/** One message as it is sent to the index statement (short names: a batch of 1000 is one JSON parameter). */
export interface IndexRow {
  /** id */ readonly i: string;
  /** topic */ readonly t: string;
  /** partition */ readonly p: number;
  /** offset */ readonly o: string;
  /** key */ readonly k: string | null;
  /** type */ readonly y: string | null;
  /** occurred_at, ISO */ readonly at: string;
  /** correlation id */ readonly c: string | null;
  /** causation id */ readonly u: string | null;
  /** headers */ readonly h: Readonly<Record<string, string>>;
  /** payload JSON text */ readonly j: string | null;
  /** payload size in bytes */ readonly n: number;
  /** schema id */ readonly s: number | null;
  /** hop that published it */ readonly hop: Hop;
  /** component of that hop */ readonly cm: string;
}

const text = storableText;
const optionalText = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value === '' ? null : text(value);

const PUBLISHING_HOPS: ReadonlySet<string> = new Set<Hop>(['proxy', 'relay', 'connector']);

/**
 * What the index stores of one message. The id is the event id header, else the message's coordinates. The hop
 * that published it comes from the hop header; without one, a message with an event id came from the outbox relay
 * (which sets it on every public event) and any other from the REST proxy.
 */
export const indexRowOf = (message: IncomingMessage, now: Date): IndexRow => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) headers[text(name)] = text(value);
  const eventId = optionalText(headers[EVENT_HEADERS.eventId]);
  const declaredHop = headers[HOP_HEADER];
  const hop: Hop =
    declaredHop !== undefined && PUBLISHING_HOPS.has(declaredHop)
      ? (declaredHop as Hop)
      : eventId === null
        ? 'proxy'
        : 'relay';
  const { json, schemaId } = decodePayload(message.value);
  const occurredAt = Number.isNaN(message.timestamp.getTime()) ? now : message.timestamp;
  const topic = text(message.topic);
  return {
    i: eventIdOf(message),
    t: topic,
    p: message.partition,
    o: message.offset,
    k: message.key === null ? null : text(message.key),
    y: optionalText(headers[EVENT_HEADERS.eventType] ?? headers.type),
    at: occurredAt.toISOString(),
    c: optionalText(headers[EVENT_HEADERS.correlationId]),
    u: optionalText(headers[EVENT_HEADERS.causationId]),
    h: headers,
    j: json,
    n: message.value.byteLength,
    s: schemaId,
    hop,
    cm: optionalText(headers[HOP_COMPONENT_HEADER]) ?? topic,
  };
};
