import { describe, expect, it } from 'vitest';
import { limitConcurrency } from './limit-concurrency.js';

describe('limitConcurrency', () => {
  it('runs at most the limit at once, every call in the end, in arrival order', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const limited = limitConcurrency(3, async (n: number) => {
      started.push(n);
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
      return n * 2;
    });
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => limited(n)));
    expect(results).toEqual(Array.from({ length: 10 }, (_, n) => n * 2));
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('frees the slot of a call that fails', async () => {
    const limited = limitConcurrency(1, (fail: boolean) =>
      fail ? Promise.reject(new Error('no')) : Promise.resolve('yes'),
    );
    await expect(limited(true)).rejects.toThrow('no');
    await expect(limited(false)).resolves.toBe('yes');
  });
});
