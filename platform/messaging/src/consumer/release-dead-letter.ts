import type { Database, Sql } from '@omnistream/event-store';
import type { IncomingMessage } from '../bus.js';
import { auditDeadLetter, type Failure } from '../dead-letters/record-dead-letter.js';
import { DEAD_LETTER_COLUMNS, toDeadLetter, type DeadLetterRow } from '../dead-letters/dead-letter.js';
import {
  consumerActor,
  lockKey,
  recordInbox,
  type MessageHandler,
  type MessagePreparer,
} from './deliver-message.js';

/**
 * Dead letters the group's worker must run now, oldest first: heads of their key (the oldest open row) that an
 * operator asked to redrive, or that wait and were released because the row ahead of them was resolved.
 */
export const dueDeadLetters = async (sql: Sql, group: string): Promise<string[]> =>
  (
    await sql.query<{ id: string }>(
      `select h.id::text as id from (
         select distinct on (topic, key) id, status from omnistream.dead_letters
          where group_name = $1 and status in ('parked', 'waiting', 'redrive_requested')
          order by topic, key, id) h
        where h.status in ('waiting', 'redrive_requested')
        order by h.id limit 100`,
      [group],
    )
  ).map((row) => row.id);

/**
 * Runs one due dead letter through the handler, with the inbox, in one transaction, and marks it redriven.
 * Answers the released message and whether the handler ran (not when the inbox already had it), or undefined when
 * it is no longer due (resolved meanwhile, or no longer the head of its key).
 */
export const releaseDeadLetter = async (
  db: Database,
  group: string,
  id: string,
  handle: MessageHandler,
  prepare?: MessagePreparer,
): Promise<{ readonly message: IncomingMessage; readonly handled: boolean } | undefined> => {
  if (prepare !== undefined) {
    const [due] = await db.query<DeadLetterRow>(
      `select ${DEAD_LETTER_COLUMNS} from omnistream.dead_letters d
        where d.id = $1::bigint and d.status in ('waiting', 'redrive_requested')`,
      [id],
    );
    if (due !== undefined) await prepare(toDeadLetter(due).message);
  }
  return db.transaction(async (tx) => {
    const [peek] = await tx.query<{ topic: string; key: string | null }>(
      'select topic, key from omnistream.dead_letters where id = $1::bigint',
      [id],
    );
    if (peek === undefined) return undefined;
    await lockKey(tx, group, peek.topic, peek.key);
    const [row] = await tx.query<DeadLetterRow & { head: boolean }>(
      `select ${DEAD_LETTER_COLUMNS},
              not exists (select 1 from omnistream.dead_letters o where o.group_name = d.group_name
                             and o.topic = d.topic and o.key = d.key and o.id < d.id
                             and o.status in ('parked', 'waiting', 'redrive_requested')) as head
         from omnistream.dead_letters d where d.id = $1::bigint`,
      [id],
    );
    if (row === undefined || !row.head || (row.status !== 'waiting' && row.status !== 'redrive_requested'))
      return undefined;
    const letter = toDeadLetter(row);
    // No row lock before the handler: locking a row assigns the transaction its id, and the handler's event store
    // append must be the transaction's first write. The key's lock keeps other deliveries out; a discard that
    // slipped in between is caught by the status condition below, and the handler's effects roll back with it.
    const [seen] = await tx.query(
      'select 1 from omnistream.inbox where group_name = $1 and message_id = $2',
      [group, letter.messageId],
    );
    if (seen === undefined) {
      await handle(letter.message, tx);
      await recordInbox(tx, group, letter.messageId, letter.message);
    }
    const released = await tx.query(
      `update omnistream.dead_letters set status = 'redriven', resolved_at = now()
        where id = $1::bigint and status in ('waiting', 'redrive_requested') returning 1`,
      [id],
    );
    if (released.length === 0) throw new DeadLetterMoved(id);
    await auditDeadLetter(tx, id, 'redriven', consumerActor(group), null);
    return { message: letter.message, handled: seen === undefined };
  });
};

/** The dead letter was discarded while it was being released: the release rolls back. */
export class DeadLetterMoved extends Error {
  constructor(id: string) {
    super(`dead letter ${id} changed status while it was being released`);
    this.name = 'DeadLetterMoved';
  }
}

/** A released dead letter failed again: it is parked (again), blocking its key, with the new error. */
export const reparkDeadLetter = async (db: Database, group: string, id: string, failure: Failure) =>
  db.transaction(async (tx) => {
    const error = failure.error instanceof Error ? failure.error : new Error(String(failure.error));
    const [row] = await tx.query<{ previous: string }>(
      `update omnistream.dead_letters d set status = 'parked', attempts = d.attempts + $2,
              error_message = $3, error_stack = $4,
              first_failed_at = coalesce(d.first_failed_at, to_timestamp($5::float8 / 1000)),
              last_failed_at = to_timestamp($6::float8 / 1000)
        from omnistream.dead_letters p where p.id = d.id and d.id = $1::bigint
         and d.status in ('waiting', 'redrive_requested')
       returning p.status as previous`,
      [
        id,
        failure.attempts,
        error.message,
        error.stack ?? null,
        failure.firstFailedAt.getTime(),
        failure.lastFailedAt.getTime(),
      ],
    );
    if (row !== undefined)
      await auditDeadLetter(
        tx,
        id,
        row.previous === 'waiting' ? 'parked' : 'redrive_failed',
        consumerActor(group),
        null,
      );
  });
