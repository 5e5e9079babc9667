import { describe, expect, it } from 'vitest';
import { isLuhnValid } from '../formats/luhn.js';
import { drawToken, type TokenSource } from './draw-token.js';

const key = Buffer.alloc(32, 7);
const deterministic = (field: string): TokenSource => ({ type: 'deterministic', key, field });

describe('drawToken', () => {
  it('draws a different random token on every call', () => {
    const tokens = new Set(
      Array.from({ length: 50 }, () => drawToken('email', 'a@b.c', { type: 'random' }, 0)),
    );
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^tok_[A-Za-z0-9_-]{32}$/);
  });

  it('draws the same deterministic token for the same field and value, another for another field or attempt', () => {
    const once = drawToken('email', 'a@b.c', deterministic('customer.email'), 0);
    expect(drawToken('email', 'a@b.c', deterministic('customer.email'), 0)).toBe(once);
    expect(drawToken('email', 'a@b.c', deterministic('billing.email'), 0)).not.toBe(once);
    expect(drawToken('email', 'a@b.c', deterministic('customer.email'), 1)).not.toBe(once);
  });

  it('draws format-preserving card tokens, random and deterministic', () => {
    const pan = '4111111111111111';
    for (const source of [{ type: 'random' } as const, deterministic('card.number')]) {
      const token = drawToken('pan', pan, source, 0);
      expect(token).toMatch(/^411111\d{6}1111$/);
      expect(isLuhnValid(token)).toBe(true);
      expect(token).not.toBe(pan);
    }
  });
});
