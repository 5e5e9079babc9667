import { describe, expect, it } from 'vitest';
import { isLuhnValid } from './luhn.js';

describe('isLuhnValid', () => {
  it('accepts well-known test card numbers', () => {
    for (const pan of ['4111111111111111', '5555555555554444', '378282246310005', '4222222222222'])
      expect(isLuhnValid(pan)).toBe(true);
  });

  it('rejects a number with one digit changed, and anything that is not digits', () => {
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isLuhnValid('4111-1111-1111-1111')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
  });
});
