import { DomainError } from '@omnistream/kernel';

/** SQLSTATE and constraint of a driver error; both drivers expose `code`, they differ on the constraint's name. */
const sqlError = (error: unknown): { code?: string; constraint?: string; message: string } => {
  if (error === null || typeof error !== 'object')
    return { message: typeof error === 'string' ? error : 'unknown error' };
  const e = error as { code?: unknown; constraint_name?: unknown; constraint?: unknown; message?: unknown };
  const constraint =
    typeof e.constraint_name === 'string'
      ? e.constraint_name
      : typeof e.constraint === 'string'
        ? e.constraint
        : undefined;
  const message = typeof e.message === 'string' ? e.message : 'database error without a message';
  return {
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(constraint === undefined ? {} : { constraint }),
    message,
  };
};

/** Turns what the database said about a failed append into a DomainError a caller can act on; else rethrows. */
export const translateAppendError = (error: unknown, streamId: string): never => {
  const { code, constraint, message } = sqlError(error);
  if (code === '23505' && (constraint === 'events_event_id_key' || message.includes('events_event_id_key')))
    throw new DomainError(
      'EVENT_ID_CONFLICT',
      `an event id in the append to ${streamId} is already stored elsewhere`,
      { streamId },
    );
  if (
    code === '23505' &&
    (constraint === 'events_stream_version_key' || message.includes('events_stream_version_key'))
  )
    throw new DomainError('STREAM_VERSION_CONFLICT', `${streamId} already holds the version appended`, {
      streamId,
    });
  if (code === 'OS001')
    throw new DomainError(
      'APPEND_NOT_FIRST_WRITE',
      'an append must be the first write of its transaction: append, then write read models and checkpoints',
    );
  if (code === 'OS002') throw new DomainError('INVALID_EXPECTED_VERSION', message);
  throw error;
};

export const versionConflict = (streamId: string, expected: string, actualVersion: number): DomainError =>
  new DomainError('STREAM_VERSION_CONFLICT', `${streamId} is at version ${actualVersion}, not ${expected}`, {
    streamId,
    expectedVersion: expected,
    actualVersion,
  });

export const idConflict = (streamId: string): DomainError =>
  new DomainError(
    'EVENT_ID_CONFLICT',
    `some event ids of the append to ${streamId} are already stored, but not as this same append`,
    { streamId },
  );
