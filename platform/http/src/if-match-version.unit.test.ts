import { describe, expect, it } from 'vitest';
import { isDomainError } from '@omnistream/kernel';
import { ifMatchVersion } from './if-match-version.js';

describe('If-Match', () => {
  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['3', 3],
    [' "12" ', 12],
    ['*', undefined],
    [undefined, undefined],
  ])('reads %s as %s', (header, version) => expect(ifMatchVersion(header)).toBe(version));

  it.each(['"abc"', '"-1"', '"1", "2"', ''])('refuses %j with INVALID_PRECONDITION', (header) => {
    let error: unknown;
    try {
      ifMatchVersion(header);
    } catch (caught) {
      error = caught;
    }
    expect(isDomainError(error, 'INVALID_PRECONDITION')).toBe(true);
  });
});
