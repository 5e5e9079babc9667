import { RegistryError } from './registry-error.js';

/** A version in a path: a number, or the subject's latest live version. */
export type VersionRef = number | 'latest';

const MAX_VERSION = 2 ** 31 - 1;

/** `latest`, `-1` (Confluent's alias for latest) or 1..2^31-1; anything else is 422/42202. */
export const parseVersion = (text: string): VersionRef => {
  if (text === 'latest' || text === '-1') return 'latest';
  const version = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(version >= 1 && version <= MAX_VERSION))
    throw new RegistryError(
      422,
      42202,
      `The specified version '${text}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
    );
  return version;
};
