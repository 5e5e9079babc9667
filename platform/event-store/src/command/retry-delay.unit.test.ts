import { describe, expect, it } from 'vitest';
import { retryDelay, type RetryPolicy } from './retry-delay.js';

const policy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 4, maxDelayMs: 50 };

describe('retryDelay', () => {
  it('doubles the ceiling after each failed attempt', () => {
    const ceiling = (attempt: number) => retryDelay(attempt, policy, () => 0.999999);
    expect([1, 2, 3, 4].map(ceiling)).toEqual([3, 7, 15, 31]);
  });

  it('never waits longer than the maximum delay', () =>
    expect(retryDelay(30, policy, () => 0.999999)).toBe(49));

  it('spreads writers over the whole window, down to not waiting at all', () =>
    expect(retryDelay(4, policy, () => 0)).toBe(0));
});
