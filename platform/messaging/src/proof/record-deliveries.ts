import type { Sql } from '@omnistream/event-store';
import type { Bus, IncomingMessage } from '../bus.js';
import { EVENT_HEADERS } from '../event-headers.js';

/**
 * The real bus, with every batch it hands over written down first (autocommit, before the consumer runtime sees
 * it), marking the messages whose effect was already committed. Those are redeliveries the inbox had to absorb:
 * without this record a run where the kill happened to fall between two commits would pass just as well, and the
 * proof would not show that the inbox was ever put to work.
 */
export const recordDeliveries = (bus: Bus, db: Sql): Bus => ({
  ...bus,
  consume: (options) =>
    bus.consume({
      ...options,
      handle: async (messages: readonly IncomingMessage[]) => {
        await db.query(
          `insert into ledger_proof.deliveries (event_id, consumer_pid, already_applied)
           select id, $2, exists (select 1 from ledger_proof.applications a where a.event_id = id)
             from unnest($1::text[]) as id`,
          [messages.map((message) => message.headers[EVENT_HEADERS.eventId] ?? ''), process.pid],
        );
        await options.handle(messages);
      },
    }),
});
