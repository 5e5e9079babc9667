import { DomainError } from '@omnistream/kernel';
import type { Sql } from '@omnistream/event-store';
import { containmentOf, type FieldCondition } from './field-filter.js';
import { EVENT_COLUMNS, toHistoryEvent, type EventRow, type HistoryEvent } from './history-event.js';
import { decodeCursor, encodeCursor } from './search-cursor.js';

export interface EventSearch {
  readonly topic?: string | undefined;
  readonly key?: string | undefined;
  readonly type?: string | undefined;
  /** Events at or after this time: ISO 8601 with a zone (`2026-01-01T10:00:00Z`), or a date (UTC midnight). */
  readonly from?: string | Date | undefined;
  /** Events before this time (exclusive), in the same form. */
  readonly to?: string | Date | undefined;
  readonly correlationId?: string | undefined;
  /** Equality conditions on payload fields; all must hold. */
  readonly fields?: readonly FieldCondition[] | undefined;
  /** 1 to 500; 50 by default. */
  readonly limit?: number | undefined;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | undefined;
}

export interface EventPage {
  /** Newest first. */
  readonly events: readonly HistoryEvent[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 500;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;

/** A time bound as PostgreSQL should read it, and as milliseconds to compare the two bounds. */
const timeBound = (name: 'from' | 'to', value: string | Date): { text: string; ms: number } => {
  const text = typeof value === 'string' ? value : Number.isNaN(value.getTime()) ? '' : value.toISOString();
  const ms = Date.parse(text);
  if (!ISO_TIME.test(text) || Number.isNaN(ms))
    throw new DomainError(
      'INVALID_EVENT_SEARCH_TIME',
      `${name}=${String(value)} is not an ISO 8601 time with a zone, such as 2026-01-01T10:00:00Z, or a date`,
      { [name]: String(value) },
    );
  // The exact text goes to PostgreSQL, so microseconds are kept (a Date would drop them); a bare date is UTC
  // midnight, as for Date.parse, whatever the session's time zone.
  return { text: text.length === 10 ? `${text}T00:00:00Z` : text, ms };
};

/** Newest first, a page at a time; the cursor is the last event's (occurred_at, id), so pages never overlap. */
export const searchEvents = async (sql: Sql, search: EventSearch): Promise<EventPage> => {
  const limit = search.limit ?? DEFAULT_SEARCH_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT)
    throw new DomainError(
      'INVALID_EVENT_SEARCH_LIMIT',
      `limit=${limit} is out of range: ask for 1 to ${MAX_SEARCH_LIMIT} events a page`,
    );
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (search.topic !== undefined) where.push(`e.topic = ${param(search.topic)}`);
  if (search.key !== undefined) where.push(`e.key = ${param(search.key)}`);
  if (search.type !== undefined) where.push(`e.type = ${param(search.type)}`);
  if (search.correlationId !== undefined) where.push(`e.correlation_id = ${param(search.correlationId)}`);
  const from = search.from === undefined ? undefined : timeBound('from', search.from);
  const to = search.to === undefined ? undefined : timeBound('to', search.to);
  if (from !== undefined && to !== undefined && from.ms > to.ms)
    throw new DomainError('INVALID_EVENT_SEARCH_TIME', `from=${from.text} is after to=${to.text}`);
  if (from !== undefined) where.push(`e.occurred_at >= ${param(from.text)}::text::timestamptz`);
  if (to !== undefined) where.push(`e.occurred_at < ${param(to.text)}::text::timestamptz`);
  if (search.fields !== undefined && search.fields.length > 0)
    where.push(`e.payload @> ${param(containmentOf(search.fields))}::text::jsonb`);
  if (search.cursor !== undefined) {
    const cursor = decodeCursor(search.cursor);
    where.push(
      `(e.occurred_at, e.id) < (${param(cursor.occurredAt)}::text::timestamptz, ${param(cursor.id)})`,
    );
  }
  // Parameters are cast from text: the postgres driver would turn a timestamptz parameter into a Date (losing
  // microseconds) and JSON-encode a jsonb one a second time.
  const rows = await sql.query<EventRow>(
    `select ${EVENT_COLUMNS} from omnistream.hub_events e
      ${where.length === 0 ? '' : `where ${where.join(' and ')}`}
      order by e.occurred_at desc, e.id desc
      limit ${param(limit + 1)}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    events: page.map(toHistoryEvent),
    ...(rows.length > limit && last !== undefined
      ? { nextCursor: encodeCursor({ occurredAt: last.occurred_at_text, id: last.id }) }
      : {}),
  };
};
