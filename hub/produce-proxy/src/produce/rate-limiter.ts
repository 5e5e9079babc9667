/**
 * Per-key token buckets, in this process: `rate` requests a second with bursts of up to one second's worth. Each
 * process of a deployment limits on its own, so behind a load balancer over n processes a key gets up to n times
 * its rate; the limit is there to protect the platform from one runaway producer, not to bill.
 */
export const createRateLimiter = (now: () => number = () => performance.now()) => {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes one token; the seconds until the next one when there is none. */
    take(key: string, ratePerSecond: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: ratePerSecond, at: t };
      bucket.tokens = Math.min(ratePerSecond, bucket.tokens + ((t - bucket.at) / 1000) * ratePerSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond)) };
    },
  };
};

export type RateLimiter = ReturnType<typeof createRateLimiter>;
