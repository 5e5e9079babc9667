import type { EventEnvelope } from '@omnistream/kernel';
import { DomainError } from '@omnistream/kernel';
import type { Sql } from './database/database.js';
import { FEED_EVENT_COLUMNS, toFeedEnvelope } from './event-row.js';

/** A place on the global feed: the last delivered (transaction id, position) pair. */
export interface FeedPosition {
  readonly transactionId: bigint;
  readonly globalPosition: bigint;
}

export const FEED_START: FeedPosition = Object.freeze({ transactionId: 0n, globalPosition: 0n });

export interface ReadFeedOptions {
  readonly limit?: number;
  /**
   * 'stable' (the default): only transactions below the oldest one still running, so nothing can later appear
   * before the returned position. 'committed': everything committed now; only safe when the caller knows that no
   * transaction that matters is still running (a projection switch holding its inline lock exclusively).
   */
  readonly upTo?: 'stable' | 'committed';
  /** Read inside this transaction instead of on a connection of the store's own. */
  readonly in?: Sql;
}

export interface FeedPage {
  readonly events: readonly EventEnvelope[];
  /** Where the next read starts: the last event returned, or `after` when none was. */
  readonly position: FeedPosition;
}

export const compareFeedPositions = (a: FeedPosition, b: FeedPosition): number =>
  a.transactionId !== b.transactionId
    ? a.transactionId < b.transactionId
      ? -1
      : 1
    : a.globalPosition === b.globalPosition
      ? 0
      : a.globalPosition < b.globalPosition
        ? -1
        : 1;

/**
 * Reads the global feed after `after`, in (transaction id, position) order, returning only events of transactions
 * below the oldest one still running (`pg_snapshot_xmin`). Everything below that id has committed or aborted for
 * good, so the feed is a stable prefix: no gap timers, and a slow commit is never skipped (DESIGN.md).
 *
 * The first event of every append carries the feed coordinates of its stream's previous event, recorded under the
 * stream's lock, and the read fails if that predecessor would not have been delivered first: the store's
 * locking guarantees it, this proves it on every read.
 */
export const readFeed = async (
  sql: Sql,
  after: FeedPosition,
  { limit = 1000, upTo = 'stable' }: ReadFeedOptions = {},
): Promise<FeedPage> => {
  // pg_current_snapshot() is the statement's own snapshot, so the horizon agrees with what the statement sees. As
  // a scalar subquery it is computed once per read instead of once per row (the function is volatile), and it
  // bounds the index scan. The predecessor check runs in SQL and marks the packed text (event-row.ts).
  const rows = await sql.queryValues(
    `select ${FEED_EVENT_COLUMNS}
       from omnistream.events e
      where (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
        ${upTo === 'stable' ? 'and e.transaction_id < (select pg_snapshot_xmin(pg_current_snapshot()))' : ''}
      order by e.transaction_id, e.global_position
      limit $3`,
    [String(after.transactionId), String(after.globalPosition), limit],
  );
  const events = rows.map((row) => {
    const { event, misordered } = toFeedEnvelope(row);
    // The first event of each append names its predecessor (the stream's head when it was appended); the rest
    // follow it in the same transaction and statement, where position order is version order.
    if (misordered)
      throw new DomainError(
        'STREAM_ORDER_VIOLATION',
        `event ${event.id} (${event.streamId} v${event.version}) reached the feed before its predecessor; refusing to deliver it out of order`,
        { streamId: event.streamId, version: event.version },
      );
    return event;
  });
  const last = events[events.length - 1];
  return {
    events,
    position:
      last === undefined ? after : { transactionId: last.transactionId, globalPosition: last.globalPosition },
  };
};

/**
 * The stable end of the feed now: the position of the last event a stable read would return. A reader that loads
 * a read model after taking it and then follows the feed from it misses nothing (it may see some events twice,
 * which a per-stream version check tells apart).
 */
export const readFeedHead = async (sql: Sql): Promise<FeedPosition> => {
  const [row] = await sql.query<{ transaction_id: string; global_position: string }>(
    `select e.transaction_id::text as transaction_id, e.global_position::text as global_position
       from omnistream.events e
      where e.transaction_id < (select pg_snapshot_xmin(pg_current_snapshot()))
      order by e.transaction_id desc, e.global_position desc
      limit 1`,
  );
  return row === undefined
    ? FEED_START
    : { transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) };
};
