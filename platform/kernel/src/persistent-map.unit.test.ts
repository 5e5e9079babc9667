import { describe, expect, it } from 'vitest';
import { PersistentMap } from './persistent-map.js';

describe('PersistentMap', () => {
  it('leaves the map it was derived from untouched', () => {
    const one = PersistentMap.of([['a', 1]]);
    const two = one.set('b', 2).set('a', 3);
    const three = two.delete('a');

    expect([...one]).toEqual([['a', 1]]);
    expect(two.get('a')).toBe(3);
    expect(two.size).toBe(2);
    expect(three.has('a')).toBe(false);
    expect(three.size).toBe(1);
  });

  it('counts a replaced key once and ignores deleting a missing key', () => {
    const map = PersistentMap.empty<number>().set('k', 1).set('k', 2);
    expect(map.size).toBe(1);
    expect(map.delete('missing')).toBe(map);
  });

  it('holds many keys with every one retrievable', () => {
    let map = PersistentMap.empty<number>();
    for (let i = 0; i < 5000; i += 1) map = map.set(`key-${i}`, i);
    for (let i = 0; i < 5000; i += 2) map = map.delete(`key-${i}`);

    expect(map.size).toBe(2500);
    expect(map.get('key-4999')).toBe(4999);
    expect(map.get('key-4998')).toBeUndefined();
    expect([...map.values()].reduce((a, b) => a + b, 0)).toBe(2500 * 2500);
  });
});
