import { DomainError } from '@omnistream/kernel';
import type { ExpectedVersion } from '@omnistream/event-store';

/**
 * Reads the expected version from conditional headers (DESIGN.md "HTTP conventions": updates take If-Match):
 * `If-Match: "n"` (or n) for exactly version n, `If-Match: *` for a stream that exists, `If-None-Match: *` for one
 * that does not. Without either, the append goes through whatever the version.
 */
export const expectedVersionFromHeaders = (
  ifMatch: string | undefined,
  ifNoneMatch: string | undefined,
): ExpectedVersion => {
  if (ifMatch !== undefined && ifNoneMatch !== undefined)
    throw new DomainError('INVALID_PRECONDITION', 'send If-Match or If-None-Match, not both');
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return 'no_stream';
    throw new DomainError(
      'INVALID_PRECONDITION',
      'If-None-Match takes only *: "append only if the stream does not exist"',
    );
  }
  if (ifMatch === undefined) return 'any';
  const value = ifMatch.trim();
  if (value === '*') return 'stream_exists';
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value);
  if (match === null)
    throw new DomainError(
      'INVALID_PRECONDITION',
      `If-Match ${JSON.stringify(ifMatch)} is not a stream version such as "3", or *`,
    );
  return Number(match[1]);
};
