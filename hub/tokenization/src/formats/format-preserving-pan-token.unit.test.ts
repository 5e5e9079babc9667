import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatPreservingPanToken, normalizePan } from './format-preserving-pan-token.js';
import { isLuhnValid } from './luhn.js';

const randomMiddle = (n: number): string => [...randomBytes(n)].map((b) => String(b % 10)).join('');

describe('formatPreservingPanToken', () => {
  it.each([
    '4111111111111111',
    '378282246310005',
    '4222222222222',
    '6011000990139424',
    '3530111333300000000',
  ])('keeps the first six and last four digits of %s, passes Luhn and differs from it', (pan) => {
    for (let i = 0; i < 200; i += 1) {
      const token = formatPreservingPanToken(pan, randomMiddle(pan.length - 10));
      if (token === undefined) continue; // drew the real number: the caller draws again
      expect(token).toHaveLength(pan.length);
      expect(token.slice(0, 6)).toBe(pan.slice(0, 6));
      expect(token.slice(-4)).toBe(pan.slice(-4));
      expect(isLuhnValid(token)).toBe(true);
      expect(token).not.toBe(pan);
    }
  });

  it('refuses to answer the real number when the drawn middle is the real one', () => {
    const pan = '4111111111111111';
    expect(formatPreservingPanToken(pan, pan.slice(6, 12))).toBeUndefined();
  });

  it('normalises typed card numbers and rejects what is not one', () => {
    expect(normalizePan('4111 1111-1111 1111')).toBe('4111111111111111');
    expect(() => normalizePan('4111')).toThrow(expect.objectContaining({ code: 'INVALID_PAN' }) as Error);
    expect(() => normalizePan('not a card')).toThrow(
      expect.objectContaining({ code: 'INVALID_PAN' }) as Error,
    );
  });
});
