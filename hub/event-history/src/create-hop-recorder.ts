import { systemClock, type Clock } from '@omnistream/kernel';
import type { ConsumerOutcome } from '@omnistream/messaging';
import type { Logger } from '@omnistream/observability';
import type { EventHistory } from './create-event-history.js';
import { eventIdOf } from './event-id-of.js';
import type { EventHop } from './event-hop.js';

export interface HopRecorderOptions {
  /** How long an outcome may wait in the buffer before it is written. Defaults to 200 ms. */
  readonly flushIntervalMs?: number;
  /** The most hops one write carries; a buffer that reaches it is written at once. Defaults to 1000. */
  readonly maxBatch?: number;
  readonly logger?: Logger;
  /** Stamps each hop's `at` when it is observed. */
  readonly clock?: Clock;
}

export interface HopRecorder {
  /** A consumer's `onOutcome` (pass it as it is): buffers the hop and returns at once. */
  readonly observe: (outcome: ConsumerOutcome) => void;
  /** Writes what is buffered (and waits for writes under way); never rejects. */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
}

/** Hops buffered or being written at most, in batches: beyond that (the database away) new ones are dropped. */
const MAX_PENDING_BATCHES = 10;

/**
 * Consumers' outcomes as `consumer` hops in the event history, written in batches off the consumer's hot path (one
 * `recordHops` per flush, one flush at a time). Telemetry: a failed write is logged and its hops are lost, never
 * retried into the consumer's way.
 */
export const createHopRecorder = (
  history: Pick<EventHistory, 'recordHops'>,
  { flushIntervalMs = 200, maxBatch = 1000, logger, clock = systemClock }: HopRecorderOptions = {},
): HopRecorder => {
  let buffer: EventHop[] = [];
  let pending = 0; // hops handed to writes that have not finished
  let dropped = 0;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;

  const flush = (): Promise<void> => {
    if (buffer.length === 0) return writing;
    const batch = buffer;
    buffer = [];
    pending += batch.length;
    writing = writing
      .then(() => history.recordHops(batch))
      .catch((error: unknown) =>
        logger?.warn({ err: error, hops: batch.length }, 'could not record consumer hops; dropped'),
      )
      .finally(() => {
        pending -= batch.length;
      });
    return writing;
  };

  const timer = setInterval(() => {
    if (dropped > 0) {
      logger?.warn({ dropped }, 'consumer hops dropped: the event history is not keeping up');
      dropped = 0;
    }
    void flush();
  }, flushIntervalMs);
  timer.unref(); // telemetry must never keep the process alive

  return {
    observe: (outcome) => {
      if (closed) return;
      if (pending + buffer.length >= maxBatch * MAX_PENDING_BATCHES) {
        dropped += 1;
        return;
      }
      buffer.push({
        eventId: eventIdOf(outcome.message),
        hop: 'consumer',
        component: outcome.group,
        outcome: outcome.outcome,
        attempt: outcome.attempt,
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
        at: clock.now(),
      });
      if (buffer.length >= maxBatch) void flush();
    },
    flush,
    close: async () => {
      closed = true;
      clearInterval(timer);
      await flush();
    },
  };
};
