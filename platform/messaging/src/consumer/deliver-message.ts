import type { Sql } from '@omnistream/event-store';
import type { IncomingMessage } from '../bus.js';
import { recordDeadLetter } from '../dead-letters/record-dead-letter.js';
import { messageId } from './message-id.js';

export type MessageHandler = (message: IncomingMessage, tx: Sql) => Promise<void>;

/**
 * Work on a message that cannot run inside the consumer's transaction, run before it on every attempt (and on a
 * redrive): effects that take transactions of their own, such as an event store append through a command handler.
 * On PGlite's single connection they would wait forever for the consumer's open transaction. It runs again on a
 * retry and on a redelivery, so it must be idempotent; `handle` then records its outcome with the inbox row.
 */
export type MessagePreparer = (message: IncomingMessage) => Promise<void>;

/** The actor named in audit entries written by consumers themselves. */
export const consumerActor = (group: string): string => `consumer:${group}`;

/**
 * Serialises, per group and key, the consumer's delivery and the dead letter worker's redrives, so that a message
 * never overtakes one of its key that is being released from the dead letters.
 */
export const lockKey = async (tx: Sql, group: string, topic: string, key: string | null): Promise<void> => {
  // A keyless message has no order to keep, and a dead letter without a key blocks nothing: no lock to take.
  if (key === null) return;
  await tx.query('select pg_advisory_xact_lock(1874, hashtext($1))', [`${group}\u001f${topic}\u001f${key}`]);
};

/**
 * One attempt at one message, in the caller's transaction. Already handled or already a dead letter: nothing to
 * do (a redelivery). Its key blocked by a dead letter: it waits behind it, unhandled. Otherwise the inbox row and
 * the handler's effects are written together, so a redelivery after a crash has no second effect.
 */
export const deliverMessage = async (
  tx: Sql,
  group: string,
  message: IncomingMessage,
  handle: MessageHandler,
): Promise<'handled' | 'duplicate' | 'waiting'> => {
  const id = messageId(message);
  // Sent together, run in order on the transaction's connection: the check's snapshot is taken once the lock is
  // held, so it sees what an earlier holder committed, and the pair costs one round trip instead of two.
  const [, [state]] = await Promise.all([
    lockKey(tx, group, message.topic, message.key),
    tx.query<{ seen: boolean; blocked: boolean }>(
      `select exists (select 1 from omnistream.inbox where group_name = $1 and message_id = $2)
         or exists (select 1 from omnistream.dead_letters where group_name = $1 and message_id = $2) as seen,
            exists (select 1 from omnistream.dead_letters where group_name = $1 and topic = $3 and key = $4
                       and status in ('parked', 'waiting', 'redrive_requested')) as blocked`,
      [group, id, message.topic, message.key],
    ),
  ]);
  if (state?.seen === true) return 'duplicate';
  if (state?.blocked === true) {
    await recordDeadLetter(tx, group, id, message, { status: 'waiting' }, consumerActor(group));
    return 'waiting';
  }
  // The handler first: its writes may include an event store append, which must be its transaction's first write
  // (the feed's ordering rule). The key's lock and the check above already keep a second delivery out.
  await handle(message, tx);
  await recordInbox(tx, group, id, message);
  return 'handled';
};

export const recordInbox = async (
  tx: Sql,
  group: string,
  id: string,
  message: IncomingMessage,
): Promise<boolean> =>
  (
    await tx.query(
      `insert into omnistream.inbox (group_name, message_id, topic, partition, "offset") values ($1, $2, $3, $4, $5)
       on conflict do nothing returning 1`,
      [group, id, message.topic, message.partition, message.offset],
    )
  ).length > 0;
