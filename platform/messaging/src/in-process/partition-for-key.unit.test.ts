import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey } from './partition-for-key.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('partitionForKey', () => {
  it('computes the same murmur2 as Kafka (vectors from Kafka’s UtilsTest)', () => {
    expect(murmur2(bytes('21'))).toBe(-973932308);
    expect(murmur2(bytes('foobar'))).toBe(-790332482);
    expect(murmur2(bytes('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(bytes('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(bytes('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(bytes('abc'))).toBe(479470107);
  });

  it('always puts one key on the same partition, within range', () => {
    for (const key of ['order-1', 'order-2', 'cart-ü', '']) {
      const partition = partitionForKey(key, 6);
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(6);
      expect(partitionForKey(key, 6)).toBe(partition);
    }
  });

  it('puts every key on partition 0 of a one-partition topic', () =>
    expect(partitionForKey('anything', 1)).toBe(0));
});
