import { DomainError } from '@omnistream/kernel';

const MAX_NAME = 200;

/** A display name: trimmed, 1 to 200 characters. `code` says whose name it is. */
export const checkName = (value: unknown, code: string, what: string): string => {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name.length === 0 || name.length > MAX_NAME)
    throw new DomainError(code, `${what} needs a name of 1 to ${MAX_NAME} characters (not only spaces)`);
  return name;
};
