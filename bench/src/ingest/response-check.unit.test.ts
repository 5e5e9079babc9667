import { describe, expect, it } from 'vitest';
import { failureOf } from './response-check.js';

const offsets = (count: number, extra: object = {}) =>
  JSON.stringify({
    offsets: Array.from({ length: count }, (_, i) => ({ partition: i % 6, offset: i, ...extra })),
  });

describe('failureOf', () => {
  it('fails any answer outside 2xx, whatever its body', () =>
    expect(failureOf({ kind: 'status' }, 404, '{}')).toBe('status 404'));

  it('passes a v3 answer whose error_code is 200 and fails any other', () => {
    expect(failureOf({ kind: 'v3-record' }, 200, '{"error_code":200,"offset":3}')).toBeUndefined();
    expect(failureOf({ kind: 'v3-record' }, 200, '{"error_code":400,"message":"bad"}')).toBe(
      'error_code 400',
    );
    expect(failureOf({ kind: 'v3-record' }, 200, 'not json')).toBe('answer is not a JSON object');
  });

  it('passes a v2 answer with one clean offset per record, null error codes included', () => {
    expect(failureOf({ kind: 'v2-offsets', records: 3 }, 200, offsets(3))).toBeUndefined();
    expect(
      failureOf({ kind: 'v2-offsets', records: 3 }, 200, offsets(3, { error_code: null, error: null })),
    ).toBeUndefined();
  });

  it('fails a v2 answer with too few offsets or an offset carrying an error', () => {
    expect(failureOf({ kind: 'v2-offsets', records: 3 }, 200, offsets(2))).toBe('2 offsets for 3 records');
    expect(failureOf({ kind: 'v2-offsets', records: 1 }, 200, offsets(1, { error_code: 50002 }))).toMatch(
      /an offset carries an error/,
    );
    expect(failureOf({ kind: 'v2-offsets', records: 1 }, 200, '{}')).toBe('answer has no offsets array');
  });
});
