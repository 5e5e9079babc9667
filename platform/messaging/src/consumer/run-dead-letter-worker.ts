import type { Database } from '@omnistream/event-store';
import type { Logger } from 'pino';
import type { ConsumerOutcomeObserver } from './consumer-outcome.js';
import type { MessageHandler, MessagePreparer } from './deliver-message.js';
import { dueDeadLetters, releaseDeadLetter, reparkDeadLetter } from './release-dead-letter.js';
import { ConsumerStopping, untilDone, withRetries, type RetryContext } from './with-retries.js';

/**
 * The group's side of dead letter actions: redrives operators requested, and messages released from waiting when
 * the row ahead of them was resolved, run through the handler in key order. Operators only record intent (from
 * any process, HTTP or CLI); the consumer that owns the handler carries it out, and NOTIFY wakes it.
 */
export const runDeadLetterWorker = async (
  db: Database,
  group: string,
  handle: MessageHandler,
  context: RetryContext & { readonly pollIntervalMs: number },
  logger: Logger | undefined,
  prepare?: MessagePreparer,
  onOutcome?: ConsumerOutcomeObserver,
): Promise<void> => {
  const onError = (error: unknown) =>
    logger?.warn({ err: error, group }, 'dead letter worker failed; retrying');
  try {
    while (!context.stopping()) {
      const due = await untilDone(context, () => dueDeadLetters(db, group), onError);
      for (const id of due) {
        const outcome = await withRetries(
          context,
          () => releaseDeadLetter(db, group, id, handle, prepare),
          (error, attempt, delayMs) =>
            logger?.warn({ err: error, group, deadLetter: id, attempt, delayMs }, 'redrive failed; retrying'),
        );
        if (outcome.ok) {
          if (outcome.value !== undefined) logger?.info({ group, deadLetter: id }, 'dead letter redriven');
          // Committed: a redriven message the handler took counts as delivered.
          if (outcome.value?.handled === true)
            onOutcome?.({
              group,
              message: outcome.value.message,
              outcome: 'delivered',
              attempt: outcome.attempts,
            });
          continue;
        }
        logger?.error({ err: outcome.failure.error, group, deadLetter: id }, 'redrive failed; parked again');
        await untilDone(context, () => reparkDeadLetter(db, group, id, outcome.failure), onError);
      }
      if (due.length === 0) await context.sleep(context.pollIntervalMs);
    }
  } catch (error) {
    if (!(error instanceof ConsumerStopping)) throw error;
  }
};
