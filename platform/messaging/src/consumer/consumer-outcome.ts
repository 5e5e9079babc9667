import type { Logger } from 'pino';
import type { IncomingMessage } from '../bus.js';

/**
 * What became of one attempt at one message, told after its transaction committed: `delivered` (handled, or
 * handled on a redrive from the dead letters), `retried` (it failed and will be tried again) or `dead-lettered`
 * (it failed for the last time and was parked). Duplicates and messages waiting behind a dead letter are not told.
 */
export interface ConsumerOutcome {
  readonly group: string;
  readonly message: IncomingMessage;
  readonly outcome: 'delivered' | 'retried' | 'dead-lettered';
  /** 1 for the first attempt; on a redrive, the attempt of that redrive. */
  readonly attempt: number;
  /** The failure's message, for `retried` and `dead-lettered`. */
  readonly error?: string;
}

export type ConsumerOutcomeObserver = (outcome: ConsumerOutcome) => void;

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The observer as the runtime calls it: synchronously, and never throwing into the runtime. It is telemetry; a
 * failing observer loses the outcome, never the message.
 */
export const safeObserver = (
  group: string,
  observer: ConsumerOutcomeObserver | undefined,
  logger: Logger | undefined,
): ConsumerOutcomeObserver => {
  if (observer === undefined) return () => {};
  return (outcome) => {
    try {
      observer(outcome);
    } catch (error) {
      logger?.warn({ err: error, group }, 'consumer outcome observer failed; outcome dropped');
    }
  };
};
