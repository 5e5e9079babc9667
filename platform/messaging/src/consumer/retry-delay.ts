export interface RetryPolicy {
  /** Handler runs in all, the first included; after the last failure the message is parked as a dead letter. */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** 'full': a uniform delay in [0, backoff]; 'none': exactly the backoff (tests, predictable schedules). */
  readonly jitter: 'full' | 'none';
}

export const defaultConsumerRetry: RetryPolicy = Object.freeze({
  attempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 30_000,
  jitter: 'full',
});

/**
 * Pause after failed attempt `attempt` (1-based): exponential backoff capped at `maxDelayMs`, with "full jitter"
 * (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015) so that consumers failing together do not retry
 * in lockstep.
 */
export const retryDelay = (policy: RetryPolicy, attempt: number, random: () => number): number => {
  const backoff = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return policy.jitter === 'full' ? Math.floor(random() * backoff) : backoff;
};
