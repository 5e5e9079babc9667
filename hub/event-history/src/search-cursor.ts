import { DomainError } from '@omnistream/kernel';

/** Where a page of a search ended: the last event's exact time (microseconds, UTC) and id. */
export interface SearchCursor {
  readonly occurredAt: string;
  readonly id: string;
}

const EXACT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Opaque to clients: base64url of a JSON pair. Changing the form only invalidates cursors in flight. */
export const encodeCursor = (cursor: SearchCursor): string =>
  Buffer.from(JSON.stringify([cursor.occurredAt, cursor.id])).toString('base64url');

export const decodeCursor = (text: string): SearchCursor => {
  const invalid = () =>
    new DomainError(
      'INVALID_EVENT_SEARCH_CURSOR',
      'cursor is not one this API returned; pass the nextCursor of the previous page unchanged',
    );
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(text)) throw invalid();
  let pair: unknown;
  try {
    pair = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(pair) || pair.length !== 2) throw invalid();
  const [occurredAt, id] = pair as unknown[];
  if (typeof occurredAt !== 'string' || !EXACT_TIME.test(occurredAt) || Number.isNaN(Date.parse(occurredAt)))
    throw invalid();
  if (typeof id !== 'string' || id === '') throw invalid();
  return { occurredAt, id };
};
