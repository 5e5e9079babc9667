import type { Database } from '@omnistream/event-store';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Bus, IncomingMessage, PartitionLag } from '../bus.js';
import { recordDeadLetter } from '../dead-letters/record-dead-letter.js';
import { forEachByKey } from './by-key.js';
import { deliverBatch } from './deliver-batch.js';
import { limitConcurrency } from './limit-concurrency.js';
import { consumerMetrics } from './consumer-metrics.js';
import { errorText, safeObserver, type ConsumerOutcomeObserver } from './consumer-outcome.js';
import {
  consumerActor,
  deliverMessage,
  type MessageHandler,
  type MessagePreparer,
} from './deliver-message.js';
import { messageId } from './message-id.js';
import { defaultConsumerRetry, type RetryPolicy } from './retry-delay.js';
import { startDeadLetterWorker } from './start-dead-letter-worker.js';
import { untilDone, withRetries, type RetryContext } from './with-retries.js';

export interface ConsumerOptions {
  readonly bus: Bus;
  /** Where the inbox, the dead letters and the handler's effects live. */
  readonly db: Database;
  readonly group: string;
  readonly topics: readonly string[];
  /** Applies one message; its writes go through `tx`, which also records the message in the inbox. */
  readonly handle: MessageHandler;
  /** Runs before each attempt's transaction, outside it (see MessagePreparer); not with `batch`. */
  readonly prepare?: MessagePreparer;
  readonly retry?: Partial<RetryPolicy>;
  readonly startFrom?: 'earliest' | 'latest';
  readonly metrics?: Registry;
  readonly logger?: Logger;
  /** How often the dead letter worker looks for work when no notification arrives. Defaults to 1000 ms. */
  readonly deadLetterPollIntervalMs?: number;
  /**
   * Messages of different keys handled at once, across every partition of the group, each key still in order
   * (see forEachByKey). Defaults to 8; each takes a database connection while it works, so keep it under the
   * pool size, which the store's writers and the relay share.
   */
  readonly keyConcurrency?: number;
  /**
   * Handle each fetched batch in one transaction (deliverBatch): one commit for many messages. For handlers whose
   * effects are plain writes; a batch that fails for any reason is handled again one message at a time, with the
   * usual retries and dead letters. Off by default: a handler that appends to the event store gains nothing.
   */
  readonly batch?: boolean;
  /** For tests: the jitter source. */
  readonly random?: () => number;
  /**
   * Told what became of each attempt once its transaction committed (delivered, retried, dead-lettered), e.g. to
   * record an event's journey. Called synchronously on the hot path: it must return at once (buffer, never await);
   * what it throws is logged and dropped.
   */
  readonly onOutcome?: ConsumerOutcomeObserver;
}

export interface Consumer {
  readonly group: string;
  lag(): Promise<PartitionLag[]>;
  stop(): Promise<void>;
}

/**
 * The consumer runtime (DESIGN.md "Messaging"): each message, in partition order, is handled in one transaction
 * with its inbox row, so redelivery has no second effect. Failures retry with backoff and full jitter; after the
 * last attempt the message is parked as a dead letter and later messages of its key wait behind it.
 */
export const startConsumer = async (options: ConsumerOptions): Promise<Consumer> => {
  const { db, group, handle, logger } = options;
  const policy: RetryPolicy = { ...defaultConsumerRetry, ...options.retry };
  const keyConcurrency = Math.max(1, options.keyConcurrency ?? 8);
  let stopping = false;
  let onStop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (onStop = resolve));
  const sleep = (ms: number) =>
    Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms).unref()), stopped]);
  const context: RetryContext = {
    group,
    policy,
    random: options.random ?? Math.random,
    sleep,
    stopping: () => stopping,
    now: () => new Date(),
  };
  const metrics = options.metrics === undefined ? undefined : consumerMetrics(options.metrics);
  const report = safeObserver(group, options.onOutcome, logger);

  const consumeOne = async (message: IncomingMessage): Promise<void> => {
    const coordinates = { group, topic: message.topic, partition: message.partition, offset: message.offset };
    const outcome = await withRetries(
      context,
      async () => {
        await options.prepare?.(message);
        return db.transaction((tx) => deliverMessage(tx, group, message, handle));
      },
      (error, attempt, delayMs) => {
        metrics?.retries.inc({ group, topic: message.topic });
        report({ group, message, outcome: 'retried', attempt, error: errorText(error) });
        logger?.warn(
          { err: error, ...coordinates, attempt, delayMs, correlationId: message.headers['correlation-id'] },
          'message failed; retrying',
        );
      },
    );
    if (outcome.ok) {
      if (outcome.value === 'waiting')
        logger?.warn(coordinates, 'message waits behind a dead letter of its key');
      if (outcome.value === 'handled')
        report({ group, message, outcome: 'delivered', attempt: outcome.attempts });
      return;
    }
    const parked = await untilDone(
      context,
      () =>
        db.transaction((tx) =>
          recordDeadLetter(
            tx,
            group,
            messageId(message),
            message,
            { status: 'parked', failure: outcome.failure },
            consumerActor(group),
          ),
        ),
      (error) => logger?.error({ err: error, ...coordinates }, 'could not park a dead letter; retrying'),
    );
    if (parked) {
      metrics?.parked.inc({ group, topic: message.topic });
      report({
        group,
        message,
        outcome: 'dead-lettered',
        attempt: outcome.failure.attempts,
        error: errorText(outcome.failure.error),
      });
    }
    logger?.error(
      {
        err: outcome.failure.error,
        ...coordinates,
        attempts: outcome.failure.attempts,
        correlationId: message.headers['correlation-id'],
      },
      'message parked as a dead letter',
    );
  };

  const consumeLimited = limitConcurrency(keyConcurrency, consumeOne);
  const batchLimited = limitConcurrency(keyConcurrency, async (messages: readonly IncomingMessage[]) => {
    const handled = await db.transaction((tx) => deliverBatch(tx, group, messages, handle));
    if (options.onOutcome !== undefined)
      for (const message of handled) report({ group, message, outcome: 'delivered', attempt: 1 });
  });

  const worker = startDeadLetterWorker({
    db,
    group,
    handle,
    ...(options.prepare === undefined ? {} : { prepare: options.prepare }),
    retry: policy,
    pollIntervalMs: options.deadLetterPollIntervalMs ?? 1000,
    ...(logger === undefined ? {} : { logger }),
    ...(options.random === undefined ? {} : { random: options.random }),
    ...(options.onOutcome === undefined ? {} : { onOutcome: report }),
  });

  const running = await options.bus.consume({
    group,
    topics: options.topics,
    ...(options.startFrom === undefined ? {} : { startFrom: options.startFrom }),
    handle: async (messages) => {
      if (options.batch === true && options.prepare === undefined && messages.length > 1) {
        try {
          await batchLimited(messages);
          return;
        } catch (error) {
          logger?.debug(
            { err: error, group, messages: messages.length },
            'batch failed; handling its messages one by one',
          );
        }
      }
      await forEachByKey(messages, keyConcurrency, consumeLimited);
    },
  });
  const untrack = metrics?.track({ group, sql: db, lag: () => running.lag() });

  return {
    group,
    lag: () => running.lag(),
    stop: async () => {
      stopping = true;
      onStop();
      untrack?.();
      await Promise.all([running.stop(), worker.stop()]);
    },
  };
};
