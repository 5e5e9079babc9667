import { DomainError } from '@omnistream/kernel';
import type { Database, Sql } from '@omnistream/event-store';
import { DEAD_LETTER_CHANNEL } from './dead-letter-channel.js';
import type { DeadLetter, DeadLetterStatus } from './dead-letter.js';
import { getDeadLetter, parseDeadLetterId } from './dead-letter-queries.js';
import { auditDeadLetter } from './record-dead-letter.js';

export interface DeadLetterAction {
  /** Who acts: an operator's or API key's name. Recorded in the audit trail. */
  readonly actor: string;
  readonly reason?: string;
}

const requireActor = (action: DeadLetterAction): void => {
  if (action.actor.trim() === '')
    throw new DomainError(
      'INVALID_DEAD_LETTER_ACTOR',
      'name who acts on the dead letter (actor); it is audited',
    );
};

/** Locks the row for the action, and refuses statuses the action does not apply to. */
const lockFor = async (tx: Sql, id: string, allowed: readonly DeadLetterStatus[], verb: string) => {
  const [row] = await tx.query<{ status: DeadLetterStatus; group_name: string }>(
    'select status, group_name from omnistream.dead_letters where id = $1::bigint for update',
    [parseDeadLetterId(id)],
  );
  if (row === undefined)
    throw new DomainError('DEAD_LETTER_NOT_FOUND', `there is no dead letter ${id}`, { id });
  if (!allowed.includes(row.status))
    throw new DomainError(
      'DEAD_LETTER_STATUS_CONFLICT',
      `dead letter ${id} is ${row.status}; only ${allowed.join(' or ')} dead letters can be ${verb}`,
      { id, status: row.status },
    );
  return row;
};

/**
 * Asks the group's consumer to run the parked message again, then those waiting behind it (DESIGN.md: redriven,
 * audited). Recording the request is all this does, so it works from any process; NOTIFY wakes the consumer.
 * Asking again while a request is pending changes nothing.
 */
export const redriveDeadLetter = async (
  db: Database,
  id: string,
  action: DeadLetterAction,
): Promise<DeadLetter> => {
  requireActor(action);
  await db.transaction(async (tx) => {
    const row = await lockFor(tx, id, ['parked', 'redrive_requested'], 'redriven');
    if (row.status === 'redrive_requested') return;
    await tx.query(`update omnistream.dead_letters set status = 'redrive_requested' where id = $1::bigint`, [
      id,
    ]);
    await auditDeadLetter(tx, id, 'redrive_requested', action.actor, action.reason ?? null);
    await tx.query('select pg_notify($1, $2)', [DEAD_LETTER_CHANNEL, row.group_name]);
  });
  return getDeadLetter(db, id);
};

/**
 * Gives a dead letter up for good; the messages waiting behind it are then released to the consumer, in order.
 * A reason is required: the audit trail must say why a message was never applied.
 */
export const discardDeadLetter = async (
  db: Database,
  id: string,
  action: DeadLetterAction & { readonly reason: string },
): Promise<DeadLetter> => {
  requireActor(action);
  if (action.reason.trim() === '')
    throw new DomainError(
      'INVALID_DEAD_LETTER_REASON',
      'say why the dead letter is discarded (reason); it is audited',
    );
  await db.transaction(async (tx) => {
    const row = await lockFor(tx, id, ['parked', 'waiting', 'redrive_requested', 'discarded'], 'discarded');
    if (row.status === 'discarded') return;
    await tx.query(
      `update omnistream.dead_letters set status = 'discarded', resolved_at = now() where id = $1::bigint`,
      [id],
    );
    await auditDeadLetter(tx, id, 'discarded', action.actor, action.reason);
    await tx.query('select pg_notify($1, $2)', [DEAD_LETTER_CHANNEL, row.group_name]);
  });
  return getDeadLetter(db, id);
};
