import type { Failure } from '../dead-letters/record-dead-letter.js';
import { retryDelay, type RetryPolicy } from './retry-delay.js';

/** Thrown out of a consumer's work when it is stopping: the bus must not commit past the message in hand. */
export class ConsumerStopping extends Error {
  constructor(group: string) {
    super(`consumer ${group} is stopping`);
    this.name = 'ConsumerStopping';
  }
}

export interface RetryContext {
  readonly group: string;
  readonly policy: RetryPolicy;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly stopping: () => boolean;
  readonly now: () => Date;
}

/**
 * Runs `attempt` up to `policy.attempts` times with backoff between failures; no transaction is open while it
 * sleeps, because each attempt opens its own. Answers the value and the attempts it took, or the failure to park.
 */
export const withRetries = async <T>(
  context: RetryContext,
  attempt: () => Promise<T>,
  onRetry: (error: unknown, attempt: number, delayMs: number) => void,
): Promise<
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | { readonly ok: false; readonly failure: Failure }
> => {
  let firstFailedAt: Date | undefined;
  for (let n = 1; ; n += 1) {
    if (context.stopping()) throw new ConsumerStopping(context.group);
    try {
      return { ok: true, value: await attempt(), attempts: n };
    } catch (error) {
      const failedAt = context.now();
      firstFailedAt ??= failedAt;
      if (n >= context.policy.attempts)
        return { ok: false, failure: { error, attempts: n, firstFailedAt, lastFailedAt: failedAt } };
      const delayMs = retryDelay(context.policy, n, context.random);
      onRetry(error, n, delayMs);
      await context.sleep(delayMs);
    }
  }
};

/**
 * Infrastructure work that must eventually happen (parking a dead letter while the database is away): retried
 * with capped backoff until it succeeds or the consumer stops.
 */
export const untilDone = async <T>(
  context: RetryContext,
  work: () => Promise<T>,
  onError: (error: unknown) => void,
): Promise<T> => {
  for (let n = 1; ; n += 1) {
    if (context.stopping()) throw new ConsumerStopping(context.group);
    try {
      return await work();
    } catch (error) {
      onError(error);
      await context.sleep(retryDelay({ ...context.policy, maxDelayMs: 30_000 }, n, context.random));
    }
  }
};
