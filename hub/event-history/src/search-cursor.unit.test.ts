import { describe, expect, it } from 'vitest';
import { isDomainError } from '@omnistream/kernel';
import { decodeCursor, encodeCursor } from './search-cursor.js';

const codeOf = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return 'no error';
};

describe('search cursors', () => {
  it('round-trip the exact time and id', () => {
    const cursor = { occurredAt: '2026-01-01T10:00:00.123456Z', id: 'orders.order/0/7' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('refuse anything this API did not hand out', () => {
    for (const text of ['', 'not base64!', Buffer.from('[1,2]').toString('base64url'), 'e30'])
      expect(codeOf(() => decodeCursor(text))).toBe('INVALID_EVENT_SEARCH_CURSOR');
    const badTime = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    expect(codeOf(() => decodeCursor(badTime))).toBe('INVALID_EVENT_SEARCH_CURSOR');
  });
});
