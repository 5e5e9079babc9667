import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './page-cursor.js';

describe('page cursors', () => {
  const isString = (value: unknown): value is string => typeof value === 'string';

  it('give back the position they were made from', () =>
    expect(decodeCursor(encodeCursor('TEE-1'), isString)).toBe('TEE-1'));

  it('mean the first page when absent or empty', () => {
    expect(decodeCursor(undefined, isString)).toBeUndefined();
    expect(decodeCursor('', isString)).toBeUndefined();
  });

  it.each(['not-ours', encodeCursor({ sku: 1 }), '%%%'])('refuse %j with INVALID_CURSOR', (cursor) =>
    expect(() => decodeCursor(cursor, isString)).toThrow(/not one this list returned/),
  );
});
