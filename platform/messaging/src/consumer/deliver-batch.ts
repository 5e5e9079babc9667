import type { Sql } from '@omnistream/event-store';
import type { IncomingMessage } from '../bus.js';
import { recordDeadLetter } from '../dead-letters/record-dead-letter.js';
import { consumerActor, type MessageHandler } from './deliver-message.js';
import { messageId } from './message-id.js';

const keyOf = (group: string, message: IncomingMessage) =>
  `${group}\u001f${message.topic}\u001f${message.key}`;

/** The same lock as deliverMessage's lockKey, for every key of the batch, in one sorted order (no deadlock). */
const LOCK_KEYS = `select pg_advisory_xact_lock(1874, k)
  from (select distinct hashtext(x) as k from unnest($1::text[]) as x order by 1) as keys`;

const SEEN = `select message_id from omnistream.inbox where group_name = $1 and message_id = any($2::text[])
  union select message_id from omnistream.dead_letters where group_name = $1 and message_id = any($2::text[])`;

const BLOCKED = `select distinct topic, key from omnistream.dead_letters
  where group_name = $1 and key = any($2::text[]) and status in ('parked', 'waiting', 'redrive_requested')`;

const RECORD_INBOX = `insert into omnistream.inbox (group_name, message_id, topic, partition, "offset")
  select $1, m.id, m.topic, m.partition, m.offset
    from unnest($2::text[], $3::text[], $4::int[], $5::text[]) as m(id, topic, partition, "offset")
  on conflict do nothing`;

/**
 * A whole batch in one transaction (the consumer's `batch` mode), for handlers whose effects are plain writes: one
 * commit for many messages instead of one each. The guarantees are deliverMessage's: the keys' locks, messages
 * already handled skipped, a key blocked by a dead letter waits, each message's inbox row commits with its effects.
 * It throws on the first failure, and the caller falls back to one message at a time with retries and dead letters.
 * A handler that appends to the event store cannot share a transaction (an append must be its first write); its
 * second append throws APPEND_NOT_FIRST_WRITE, which sends the batch down that same fallback.
 * Answers the messages it handled (not those skipped or left waiting), for the caller to report once it commits.
 */
export const deliverBatch = async (
  tx: Sql,
  group: string,
  messages: readonly IncomingMessage[],
  handle: MessageHandler,
): Promise<IncomingMessage[]> => {
  const ids = messages.map(messageId);
  const keys = [...new Set(messages.flatMap((message) => (message.key === null ? [] : [message.key])))];
  // Sent together, run in order on the transaction's connection: the checks see what earlier lock holders committed.
  const [, seenRows, blockedRows] = await Promise.all([
    tx.query(LOCK_KEYS, [messages.filter((m) => m.key !== null).map((message) => keyOf(group, message))]),
    tx.query<{ message_id: string }>(SEEN, [group, ids]),
    tx.query<{ topic: string; key: string }>(BLOCKED, [group, keys]),
  ]);
  const seen = new Set(seenRows.map((row) => row.message_id));
  const blocked = new Set(blockedRows.map((row) => `${row.topic}\u001f${row.key}`));
  const handled: { id: string; message: IncomingMessage }[] = [];
  for (const [index, message] of messages.entries()) {
    const id = ids[index] as string;
    if (seen.has(id)) continue;
    seen.add(id); // the same message twice in one batch is handled once
    if (message.key !== null && blocked.has(`${message.topic}\u001f${message.key}`)) {
      await recordDeadLetter(tx, group, id, message, { status: 'waiting' }, consumerActor(group));
      continue;
    }
    await handle(message, tx);
    handled.push({ id, message });
  }
  if (handled.length > 0)
    await tx.query(RECORD_INBOX, [
      group,
      handled.map((h) => h.id),
      handled.map((h) => h.message.topic),
      handled.map((h) => h.message.partition),
      handled.map((h) => h.message.offset),
    ]);
  return handled.map((h) => h.message);
};
