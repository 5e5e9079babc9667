import { DomainError } from '@omnistream/kernel';
import type { Sql } from '@omnistream/event-store';
import {
  DEAD_LETTER_COLUMNS,
  toDeadLetter,
  type DeadLetter,
  type DeadLetterAuditEntry,
  type DeadLetterRow,
  type DeadLetterStatus,
} from './dead-letter.js';

export interface DeadLetterFilter {
  readonly group?: string;
  readonly topic?: string;
  readonly status?: DeadLetterStatus;
  /** The `next` of a previous page. */
  readonly after?: string;
  readonly limit?: number;
}

export interface DeadLetterPage {
  readonly deadLetters: readonly DeadLetter[];
  /** Pass as `after` for the next page; absent on the last page. */
  readonly next: string | undefined;
}

export interface DeadLetterDetails {
  readonly deadLetter: DeadLetter;
  /** Open dead letters of the same group, topic and key behind this one, oldest first. */
  readonly waiting: readonly DeadLetter[];
  readonly audit: readonly DeadLetterAuditEntry[];
}

/** Dead letter ids are positive integers; anything else is a client mistake, not a missing row. */
export const parseDeadLetterId = (id: string): string => {
  if (!/^[1-9]\d{0,17}$/.test(id))
    throw new DomainError(
      'INVALID_DEAD_LETTER_ID',
      `${JSON.stringify(id)} is not a dead letter id (a positive integer)`,
    );
  return id;
};

/** Oldest first, so the page order is the order in which they failed; the cursor is the last id returned. */
export const listDeadLetters = async (sql: Sql, filter: DeadLetterFilter = {}): Promise<DeadLetterPage> => {
  if (filter.after !== undefined && !/^\d{1,18}$/.test(filter.after))
    throw new DomainError(
      'INVALID_DEAD_LETTER_CURSOR',
      `after=${JSON.stringify(filter.after)} is not a cursor from a previous page`,
    );
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  const rows = await sql.query<DeadLetterRow>(
    `select ${DEAD_LETTER_COLUMNS} from omnistream.dead_letters d
      where ($1::text is null or d.group_name = $1) and ($2::text is null or d.topic = $2)
        and ($3::text is null or d.status = $3) and d.id > $4::bigint
      order by d.id limit $5`,
    [filter.group ?? null, filter.topic ?? null, filter.status ?? null, filter.after ?? '0', limit + 1],
  );
  const page = rows.slice(0, limit).map(toDeadLetter);
  return { deadLetters: page, next: rows.length > limit ? page[page.length - 1]?.id : undefined };
};

export const getDeadLetter = async (sql: Sql, id: string): Promise<DeadLetter> => {
  const [row] = await sql.query<DeadLetterRow>(
    `select ${DEAD_LETTER_COLUMNS} from omnistream.dead_letters d where d.id = $1::bigint`,
    [parseDeadLetterId(id)],
  );
  if (row === undefined)
    throw new DomainError('DEAD_LETTER_NOT_FOUND', `there is no dead letter ${id}`, { id });
  return toDeadLetter(row);
};

export const showDeadLetter = async (sql: Sql, id: string): Promise<DeadLetterDetails> => {
  const deadLetter = await getDeadLetter(sql, id);
  const waiting = await sql.query<DeadLetterRow>(
    `select ${DEAD_LETTER_COLUMNS} from omnistream.dead_letters d
      where d.group_name = $1 and d.topic = $2 and d.key = $3 and d.id > $4::bigint
        and d.status in ('parked', 'waiting', 'redrive_requested')
      order by d.id limit 1000`,
    [deadLetter.group, deadLetter.message.topic, deadLetter.message.key, id],
  );
  const audit = await sql.query<{ action: string; actor: string; reason: string | null; ms: string }>(
    `select action, actor, reason, (extract(epoch from at) * 1000)::bigint::text as ms
       from omnistream.dead_letter_audit where dead_letter_id = $1::bigint order by id`,
    [id],
  );
  return {
    deadLetter,
    waiting: waiting.map(toDeadLetter),
    audit: audit.map((row) => ({
      action: row.action,
      actor: row.actor,
      reason: row.reason ?? undefined,
      at: new Date(Number(row.ms)),
    })),
  };
};
