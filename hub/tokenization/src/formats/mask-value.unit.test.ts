import { describe, expect, it } from 'vitest';
import { maskValue } from './mask-value.js';

describe('maskValue', () => {
  it('shows a card number as its first six and last four digits', () => {
    expect(maskValue('pan', '4111111111111111')).toBe('411111******1111');
    expect(maskValue('pan', '4111 1111 1111 1111')).toBe('411111******1111');
  });

  it('shows an email as its first letter and its domain', () => {
    expect(maskValue('email', 'alice@example.com')).toBe('a***@example.com');
    expect(maskValue('email', 'not-an-email')).toBe('***');
  });

  it('shows a phone number as its last four digits, separators kept', () => {
    expect(maskValue('phone', '+31 6 1234 5678')).toBe('+** * **** 5678');
    expect(maskValue('phone', '0612345678')).toBe('******5678');
  });

  it('shows other personal data as its first character', () => {
    expect(maskValue('pii', 'Alice Smith')).toBe('A***');
    expect(maskValue('pii', '')).toBe('***');
  });
});
