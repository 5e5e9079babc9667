import { describe, expect, it } from 'vitest';
import { isUuid, uuidV7 } from './uuid-v7.js';

describe('uuidV7', () => {
  it('produces RFC 9562 version 7 ids with the variant bits set', () => {
    const id = uuidV7();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  it('encodes the millisecond timestamp in the first 48 bits', () => {
    const ms = Date.UTC(2031, 0, 1); // later than any id made so far: the generator never goes back;
    const id = uuidV7(ms);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
  });

  it('stays strictly increasing within one millisecond and across many calls', () => {
    const ids = Array.from({ length: 10_000 }, () => uuidV7(1_990_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never goes backwards when the clock does', () => {
    const a = uuidV7(2_000_000_000_000);
    const b = uuidV7(1_999_999_999_000);
    expect(b > a).toBe(true);
  });
});
