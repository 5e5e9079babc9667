import type { Sql } from '@omnistream/event-store';
import type { IncomingMessage } from '../bus.js';

export interface Failure {
  readonly error: unknown;
  readonly attempts: number;
  readonly firstFailedAt: Date;
  readonly lastFailedAt: Date;
}

const describeError = (error: unknown): { message: string; stack: string | null } =>
  error instanceof Error
    ? { message: error.message, stack: error.stack ?? null }
    : { message: String(error), stack: null };

/**
 * Writes a message to the dead letters with its original coordinates and an audit entry, in the caller's
 * transaction: 'parked' after its last failed attempt, or 'waiting' (no failure) behind a parked one of its key.
 * A message already recorded for the group (a redelivery) is left as it is.
 */
export const recordDeadLetter = async (
  tx: Sql,
  group: string,
  id: string,
  message: IncomingMessage,
  outcome: { status: 'parked'; failure: Failure } | { status: 'waiting' },
  actor: string,
): Promise<boolean> => {
  const failure = outcome.status === 'parked' ? outcome.failure : undefined;
  const error = failure === undefined ? undefined : describeError(failure.error);
  const rows = await tx.query<{ id: string }>(
    `insert into omnistream.dead_letters (group_name, message_id, topic, partition, "offset", key, headers, value,
       message_timestamp, status, error_message, error_stack, attempts, first_failed_at, last_failed_at)
     values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, decode($8, 'base64'), to_timestamp($9::float8 / 1000), $10,
       $11, $12, $13, to_timestamp($14::float8 / 1000), to_timestamp($15::float8 / 1000))
     on conflict (group_name, message_id) do nothing
     returning id::text as id`,
    [
      group,
      id,
      message.topic,
      message.partition,
      message.offset,
      message.key,
      JSON.stringify(message.headers),
      Buffer.from(message.value).toString('base64'),
      message.timestamp.getTime(),
      outcome.status,
      error?.message ?? null,
      error?.stack ?? null,
      failure?.attempts ?? 0,
      failure?.firstFailedAt.getTime() ?? null,
      failure?.lastFailedAt.getTime() ?? null,
    ],
  );
  const row = rows[0];
  if (row === undefined) return false;
  await auditDeadLetter(tx, row.id, outcome.status, actor, null);
  return true;
};

export const auditDeadLetter = async (
  tx: Sql,
  deadLetterId: string,
  action: string,
  actor: string,
  reason: string | null,
): Promise<void> => {
  await tx.query(
    `insert into omnistream.dead_letter_audit (dead_letter_id, action, actor, reason) values ($1::bigint, $2, $3, $4)`,
    [deadLetterId, action, actor, reason],
  );
};
