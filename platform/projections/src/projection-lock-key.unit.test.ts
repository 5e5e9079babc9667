import { describe, expect, it } from 'vitest';
import { projectionLockKey } from './projection-lock-key.js';

describe('projectionLockKey', () => {
  it('matches the published FNV-1a 32-bit vectors, as a signed int4', () => {
    // 0xe40c292c and 0xbf9cf968 (http://www.isthe.com/chongo/tech/comp/fnv/), read as two's complement.
    expect(projectionLockKey('a')).toBe(0xe40c292c | 0);
    expect(projectionLockKey('foobar')).toBe(0xbf9cf968 | 0);
  });

  it('always fits the int4 that pg_advisory_xact_lock takes', () => {
    for (const name of ['orders', 'order_totals', 'x'.repeat(200)]) {
      const key = projectionLockKey(name);
      expect(Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31).toBe(true);
    }
  });
});
