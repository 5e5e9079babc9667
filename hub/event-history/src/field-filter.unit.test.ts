import { describe, expect, it } from 'vitest';
import { isDomainError } from '@omnistream/kernel';
import { containmentOf, parseFieldFilter } from './field-filter.js';

const codeOf = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return 'no error';
};

describe('parseFieldFilter', () => {
  it('splits the path at dots and reads the value as JSON when it parses', () => {
    expect(parseFieldFilter('customer.id=42')).toEqual({ path: ['customer', 'id'], value: 42 });
    expect(parseFieldFilter('paid=true')).toEqual({ path: ['paid'], value: true });
    expect(parseFieldFilter('note=null')).toEqual({ path: ['note'], value: null });
    expect(parseFieldFilter('id="42"')).toEqual({ path: ['id'], value: '42' });
  });

  it('reads anything else as text, including further equals signs', () => {
    expect(parseFieldFilter('status=paid')).toEqual({ path: ['status'], value: 'paid' });
    expect(parseFieldFilter('query=a=b')).toEqual({ path: ['query'], value: 'a=b' });
    expect(parseFieldFilter('empty=')).toEqual({ path: ['empty'], value: '' });
  });

  it('refuses filters without a path, with an empty segment, or with an object value', () => {
    expect(codeOf(() => parseFieldFilter('customer.id'))).toBe('INVALID_FIELD_FILTER');
    expect(codeOf(() => parseFieldFilter('=42'))).toBe('INVALID_FIELD_FILTER');
    expect(codeOf(() => parseFieldFilter('customer..id=42'))).toBe('INVALID_FIELD_FILTER');
    expect(codeOf(() => parseFieldFilter('customer={"id":42}'))).toBe('INVALID_FIELD_FILTER');
  });
});

describe('containmentOf', () => {
  it('merges every condition into one document', () => {
    expect(
      JSON.parse(
        containmentOf([
          { path: ['customer', 'id'], value: 42 },
          { path: ['customer', 'tier'], value: 'gold' },
          { path: ['paid'], value: true },
        ]),
      ),
    ).toEqual({ customer: { id: 42, tier: 'gold' }, paid: true });
  });

  it('treats __proto__ as a plain field name', () => {
    expect(containmentOf([{ path: ['__proto__', 'x'], value: 1 }])).toBe('{"__proto__":{"x":1}}');
  });

  it('refuses conditions that contradict or nest inside each other', () => {
    expect(
      codeOf(() =>
        containmentOf([
          { path: ['a'], value: 1 },
          { path: ['a'], value: 2 },
        ]),
      ),
    ).toBe('INVALID_FIELD_FILTER');
    expect(
      codeOf(() =>
        containmentOf([
          { path: ['a'], value: 1 },
          { path: ['a', 'b'], value: 2 },
        ]),
      ),
    ).toBe('INVALID_FIELD_FILTER');
    expect(
      codeOf(() =>
        containmentOf([
          { path: ['a', 'b'], value: 2 },
          { path: ['a'], value: 1 },
        ]),
      ),
    ).toBe('INVALID_FIELD_FILTER');
  });
});
