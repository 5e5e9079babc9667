import { DomainError } from '@omnistream/kernel';

/**
 * Opaque list cursors: the position to continue after, as base64url JSON. Opaque so that clients pass them back
 * rather than build them, which leaves the position's shape free to change.
 */
export const encodeCursor = (position: unknown): string =>
  Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

export const decodeCursor = <T>(
  cursor: string | undefined,
  isPosition: (value: unknown) => value is T,
): T | undefined => {
  if (cursor === undefined || cursor === '') return undefined;
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  if (isPosition(position)) return position;
  throw new DomainError('INVALID_CURSOR', 'cursor is not one this list returned; pass back `next` as it was');
};
