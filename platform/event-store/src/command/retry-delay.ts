/** How hard the command handler tries before a STREAM_VERSION_CONFLICT reaches its caller. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Enough for a few dozen writers racing on one hot stream; a conflict past this is a real contention problem. */
export const defaultRetryPolicy: RetryPolicy = Object.freeze({
  maxAttempts: 16,
  baseDelayMs: 2,
  maxDelayMs: 100,
});

/**
 * The wait before attempt `failedAttempt + 1`: exponential backoff with "full jitter" (Marc Brooker, "Exponential
 * Backoff And Jitter", AWS Architecture Blog, 2015). Writers that collided once must not collide again in step.
 */
export const retryDelay = (
  failedAttempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number =>
  Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1)));
