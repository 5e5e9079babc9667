import { DomainError } from '@omnistream/kernel';

/**
 * The version an update was decided against (DESIGN.md: updates take If-Match): `"3"`, `W/"3"` or `3`. Absent or
 * `*` (any current version of an existing resource, which the command checks anyway) means no precondition.
 * A stale version fails the command with STREAM_VERSION_CONFLICT (409) naming the actual one.
 */
export const ifMatchVersion = (header: string | undefined): number | undefined => {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (match === null)
    throw new DomainError(
      'INVALID_PRECONDITION',
      `If-Match ${JSON.stringify(header)} is not a version such as "3" (the ETag of the last read)`,
    );
  return Number(match[1]);
};
