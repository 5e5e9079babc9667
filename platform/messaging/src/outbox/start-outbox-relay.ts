import type { EventEnvelope } from '@omnistream/kernel';
import { isDomainError } from '@omnistream/kernel';
import { subscribe, type EventStore, type Sql, type Subscription } from '@omnistream/event-store';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Bus, OutgoingMessage } from '../bus.js';
import { recordDeadLetter } from '../dead-letters/record-dead-letter.js';
import { eventHeaders } from '../event-headers.js';
import type { EncodedEvent, PublicEventCodec, PublicEventRoute } from '../public-event-codec.js';
import { canPublishInTransaction } from '../transactional-publisher.js';
import { eventFromParked, parkedEventMessage } from './parked-event.js';
import { startDeadLetterWorker } from '../consumer/start-dead-letter-worker.js';
import { relayMetrics } from './relay-metrics.js';

export interface OutboxRelayOptions {
  readonly store: EventStore;
  readonly bus: Bus;
  readonly codec: PublicEventCodec;
  /** The feed subscription's name; also names the relay's dead letter group `outbox:<name>`. */
  readonly name?: string;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  readonly logger?: Logger;
  readonly metrics?: Registry;
}

export interface OutboxRelay {
  /** Dead letters of events that could not be encoded are kept under this group. */
  readonly deadLetterGroup: string;
  readonly subscription: Subscription;
  stop(): Promise<void>;
}

/** Errors that retrying cannot fix: the event does not fit its contract. Anything else is retried. */
const isSchemaProblem = (error: unknown) =>
  isDomainError(error, 'SCHEMA_VALIDATION_FAILED') || isDomainError(error, 'SCHEMA_NOT_REGISTERED');

/** Beyond this many open dead letters, the relay asks about each page's streams instead of reading them all. */
const MANY_OPEN_KEYS = 1000;

export const relayDeadLetterGroup = (name: string): string => `outbox:${name}`;

/**
 * The transactional outbox (DESIGN.md "Messaging"): a feed subscriber that publishes each public event to its
 * topic, key = stream id. The checkpoint moves only once the publish resolved (in the same transaction on the
 * in-process bus), so nothing committed is lost and nothing uncommitted is published; consumers dedupe by event id.
 *
 * An event whose data does not fit its schema would block the relay forever or, skipped, be lost unnoticed.
 * Instead it is parked as a dead letter of group `outbox:<name>` (logged, counted) and later events of its stream
 * wait behind it, so per-stream order holds; a redrive encodes it again (see startRelayDeadLetterWorker).
 */
export const startOutboxRelay = (options: OutboxRelayOptions): OutboxRelay => {
  const { bus, codec, logger } = options;
  const name = options.name ?? 'outbox-relay';
  const group = relayDeadLetterGroup(name);
  const metrics = options.metrics === undefined ? undefined : relayMetrics(options.metrics);

  /**
   * Streams with an open dead letter of this relay: their later events wait behind it. Usually there are none, so
   * the group's open keys are read whole (the partial index holds only open rows) instead of sending every stream
   * id of the page; only when a great many are open is the question narrowed to this page's streams.
   */
  const blockedStreams = async (tx: Sql, events: readonly EventEnvelope[]): Promise<Set<string>> => {
    const open = await tx.query<{ key: string }>(
      `select distinct key from omnistream.dead_letters
        where group_name = $1 and status in ('parked', 'waiting', 'redrive_requested') and key is not null
        limit ${MANY_OPEN_KEYS + 1}`,
      [group],
    );
    if (open.length <= MANY_OPEN_KEYS) return new Set(open.map((row) => row.key));
    const rows = await tx.query<{ key: string }>(
      `select distinct key from omnistream.dead_letters
        where group_name = $1 and key = any($2::text[]) and status in ('parked', 'waiting', 'redrive_requested')`,
      [group, [...new Set(events.map((event) => event.streamId))]],
    );
    return new Set(rows.map((row) => row.key));
  };

  // Routed when the subscription filters the page, and encoded while the previous page is being published (the
  // subscription's read-ahead): `sort` then finds both here without asking the codec again or awaiting per event.
  const routes = new WeakMap<EventEnvelope, PublicEventRoute>();
  const routeOf = (event: EventEnvelope): PublicEventRoute | undefined => {
    const known = routes.get(event);
    if (known !== undefined) return known;
    const route = codec.route(event);
    if (route !== undefined) routes.set(event, route);
    return route;
  };
  type Encoding =
    { readonly ok: true; readonly encoded: EncodedEvent } | { readonly ok: false; readonly error: unknown };
  const encodings = new WeakMap<EventEnvelope, Encoding>();
  const encodeAll = async (events: readonly EventEnvelope[]): Promise<void> => {
    const settled = await Promise.allSettled(events.map((event) => codec.encode(event)));
    settled.forEach((outcome, index) =>
      encodings.set(
        events[index] as EventEnvelope,
        outcome.status === 'fulfilled'
          ? { ok: true, encoded: outcome.value }
          : { ok: false, error: outcome.reason as unknown },
      ),
    );
  };

  /** A dead letter of this relay for `event`, recorded later in the transaction that moves the checkpoint. */
  const park =
    (event: EventEnvelope, topic: string, state: Parameters<typeof recordDeadLetter>[4]) => (tx: Sql) =>
      recordDeadLetter(tx, group, event.id, parkedEventMessage(event, topic), state, group);

  /**
   * Splits a page into the messages to publish and the dead letters to record: events of a blocked stream wait
   * behind its dead letter, and an event that does not fit its contract is parked and blocks its stream.
   */
  const sort = async (events: readonly EventEnvelope[], sql: Sql) => {
    const blocked = await blockedStreams(sql, events);
    const messages: OutgoingMessage[] = [];
    const parks: ((tx: Sql) => Promise<unknown>)[] = [];
    for (const event of events) {
      const route = routeOf(event);
      if (route === undefined) continue;
      if (blocked.has(event.streamId)) {
        parks.push(park(event, route.topic, { status: 'waiting' }));
        continue;
      }
      try {
        const known = encodings.get(event);
        if (known?.ok === false) throw known.error;
        const encoded = known?.encoded ?? (await codec.encode(event));
        messages.push({
          topic: encoded.topic,
          key: event.streamId,
          value: encoded.value,
          headers: eventHeaders(event, encoded.schemaId),
        });
      } catch (error) {
        if (!isSchemaProblem(error)) throw error; // the subscription retries the batch with backoff
        const now = new Date();
        parks.push(
          park(event, route.topic, {
            status: 'parked',
            failure: { error, attempts: 1, firstFailedAt: now, lastFailedAt: now },
          }),
        );
        blocked.add(event.streamId);
        metrics?.parked.inc({ topic: route.topic });
        logger?.error(
          {
            err: error,
            eventId: event.id,
            eventType: event.type,
            topic: route.topic,
            correlationId: event.metadata.correlationId,
          },
          'public event parked: it does not fit its contract',
        );
      }
    }
    return { messages, parks };
  };
  const recordParks = async (tx: Sql, parks: readonly ((tx: Sql) => Promise<unknown>)[]) => {
    for (const park of parks) await park(tx);
  };
  const published = (messages: readonly OutgoingMessage[]) => {
    for (const message of messages) metrics?.published.inc({ topic: message.topic });
  };

  const subscription = subscribe(options.store, {
    name,
    prepare: encodeAll,
    filter: (event) => routeOf(event) !== undefined,
    // In-process: messages, dead letters and checkpoint in one transaction, exactly once. Kafka: publish first, then
    // the checkpoint (with any dead letters) in one statement or transaction, at least once; consumers dedupe by
    // event id. No transaction waits open on the brokers' acknowledgements.
    ...(canPublishInTransaction(bus)
      ? {
          handle: async (events: readonly EventEnvelope[], tx: Sql) => {
            const { messages, parks } = await sort(events, tx);
            await recordParks(tx, parks);
            if (messages.length > 0) await bus.publishIn(tx, messages);
            published(messages);
          },
        }
      : {
          deliver: async (events: readonly EventEnvelope[]) => {
            const { messages, parks } = await sort(events, options.store.database);
            if (messages.length > 0) await bus.publish(messages);
            published(messages);
            return parks.length === 0 ? undefined : (tx: Sql) => recordParks(tx, parks);
          },
        }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    onError: (error, attempt) => {
      metrics?.failures.inc();
      logger?.warn({ err: error, relay: name, attempt }, 'outbox relay batch failed; retrying');
    },
  });
  // Redrives of parked events: encode again (the schema may be fixed by now) and publish, in stream order.
  const worker = startDeadLetterWorker({
    db: options.store.database,
    group,
    handle: async (message, tx) => {
      const event = eventFromParked(message);
      const encoded = await codec.encode(event);
      const out = [
        {
          topic: encoded.topic,
          key: event.streamId,
          value: encoded.value,
          headers: eventHeaders(event, encoded.schemaId),
        },
      ];
      if (canPublishInTransaction(bus)) await bus.publishIn(tx, out);
      else await bus.publish(out);
    },
    ...(logger === undefined ? {} : { logger }),
  });
  return {
    deadLetterGroup: group,
    subscription,
    stop: async () => {
      await Promise.all([subscription.stop(), worker.stop()]);
    },
  };
};
