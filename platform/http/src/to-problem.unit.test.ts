import { describe, expect, it } from 'vitest';
import { DomainError } from '@omnistream/kernel';
import { domainErrorStatus } from './domain-error-status.js';
import { toProblem } from './to-problem.js';

describe('domainErrorStatus', () => {
  it.each([
    ['STREAM_VERSION_CONFLICT', 409],
    ['NOT_FOUND', 404],
    ['ORDER_NOT_FOUND', 404],
    ['INVALID_STREAM_ID', 400],
    ['INVALID_EVENT', 400],
    ['EMPTY_APPEND', 400],
    ['EVENT_TOO_LARGE', 400],
    ['EVENT_NOT_SERIALIZABLE', 400],
    ['IDEMPOTENCY_KEY_REUSED', 422],
    ['IDEMPOTENCY_KEY_IN_PROGRESS', 409],
    ['INSUFFICIENT_STOCK', 422],
  ])('maps %s to %i', (code, status) => expect(domainErrorStatus(code)).toBe(status));
});

describe('toProblem', () => {
  it('keeps the message of a DomainError the client can act on', () =>
    expect(toProblem(new DomainError('INVALID_STREAM_ID', 'stream id "x" is not <category>-<id>'))).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      code: 'INVALID_STREAM_ID',
      detail: 'stream id "x" is not <category>-<id>',
    }));

  it('hides the message of a DomainError that reports a broken invariant of the server', () => {
    const result = toProblem(new DomainError('STREAM_ORDER_VIOLATION', 'event 1 of order-9 out of order'));
    expect(result).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(result.detail).not.toMatch(/order-9/);
  });

  it('treats values that are not errors as unexpected', () =>
    expect(toProblem('oops')).toMatchObject({ status: 500 }));

  it('keeps the 4xx status a thrown error carries', () =>
    expect(toProblem(Object.assign(new Error('too many'), { statusCode: 429 }))).toMatchObject({
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      detail: 'too many',
    }));

  it('escapes JSON Pointer characters in a missing property name', () =>
    expect(
      toProblem({
        validation: [{ instancePath: '', message: 'x', params: { missingProperty: 'a/b~c' } }],
        validationContext: 'querystring',
      }),
    ).toMatchObject({ errors: [{ path: '/querystring/a~1b~0c' }] }));
});
