import type { Database } from '@omnistream/event-store';
import { decodeWireFormat } from '@omnistream/schema-registry';
import type { MessageHandler } from '../consumer/deliver-message.js';
import { EVENT_HEADERS } from '../event-headers.js';

interface Deposited {
  readonly amount: number;
  readonly sequence: number;
}

const utf8 = new TextDecoder();

const decodeDeposited = (value: Uint8Array): Deposited => {
  const data = JSON.parse(utf8.decode(decodeWireFormat(value).payload)) as Partial<Deposited>;
  if (!Number.isInteger(data.amount) || !Number.isInteger(data.sequence))
    throw new Error(`not a Deposited payload: ${JSON.stringify(data)}`);
  return data as Deposited;
};

/**
 * The proof's consumer: a deposit moves the account's balance and is recorded in the append-only applications
 * table, all in the message's transaction (so together with its inbox row). Per-stream order is checked, as
 * DESIGN.md asks of consumers: a deposit that is not the next one of its account is refused (retried, then parked)
 * and the refusal is recorded on a connection of its own, which the rollback cannot undo.
 */
export const applyDeposit =
  (db: Database): MessageHandler =>
  async (message, tx) => {
    const eventId = message.headers[EVENT_HEADERS.eventId];
    if (eventId === undefined) throw new Error(`message ${message.topic}/${message.offset} has no event id`);
    const { amount, sequence } = decodeDeposited(message.value);
    const [account] = await tx.query<{ last_version: number }>(
      'select last_version from ledger_proof.accounts where account = $1 for update',
      [message.key],
    );
    const expected = (account?.last_version ?? 0) + 1;
    if (sequence !== expected) {
      await db.query(
        'insert into ledger_proof.order_violations (event_id, account, expected, got) values ($1, $2, $3, $4)',
        [eventId, message.key, expected, sequence],
      );
      throw new Error(`${message.key}: got version ${sequence}, expected ${expected}`);
    }
    await tx.query(
      `insert into ledger_proof.accounts (account, balance, applied, last_version) values ($1, $2, 1, $3)
       on conflict (account) do update
         set balance = accounts.balance + excluded.balance, applied = accounts.applied + 1,
             last_version = excluded.last_version`,
      [message.key, amount, sequence],
    );
    await tx.query(
      `insert into ledger_proof.applications (event_id, account, version, amount, consumer_pid)
       values ($1, $2, $3, $4, $5)`,
      [eventId, message.key, sequence, amount, process.pid],
    );
  };
