import { describe, expect, it } from 'vitest';
import { retryDelay, type RetryPolicy } from './retry-delay.js';

const policy: RetryPolicy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 1000, jitter: 'none' };

describe('retryDelay', () => {
  it('doubles the pause after each failed attempt', () =>
    expect([1, 2, 3, 4].map((attempt) => retryDelay(policy, attempt, () => 0))).toEqual([
      100, 200, 400, 800,
    ]));

  it('never waits longer than the cap', () => expect(retryDelay(policy, 30, () => 0)).toBe(1000));

  it('with full jitter picks a pause between zero and the backoff', () => {
    const jittered = { ...policy, jitter: 'full' } as const;
    expect(retryDelay(jittered, 3, () => 0)).toBe(0);
    expect(retryDelay(jittered, 3, () => 0.5)).toBe(200);
    expect(retryDelay(jittered, 3, () => 0.999)).toBeLessThan(400);
  });
});
