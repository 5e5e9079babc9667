import { randomUUID } from 'node:crypto';
import type { Database, Sql } from '@omnistream/event-store';
import type { IncomingMessage, OutgoingMessage } from '../bus.js';
import { EVENT_HEADERS } from '../event-headers.js';

/** The conformance suite's effects table: one row per handler effect, in the order they were applied. */
export const createEffectsTable = async (db: Database): Promise<void> => {
  await db.query(`create table if not exists omnistream.conformance_effects (
    seq bigserial primary key, group_name text not null, message_id text not null, key text, body text not null)`);
};

export const recordEffect = async (tx: Sql, group: string, message: IncomingMessage): Promise<void> => {
  await tx.query(
    'insert into omnistream.conformance_effects (group_name, message_id, key, body) values ($1, $2, $3, $4)',
    [
      group,
      message.headers[EVENT_HEADERS.eventId] ?? '',
      message.key,
      new TextDecoder().decode(message.value),
    ],
  );
};

export const effectsOf = async (db: Database, group: string) =>
  db.query<{ message_id: string; key: string | null; body: string }>(
    'select message_id, key, body from omnistream.conformance_effects where group_name = $1 order by seq',
    [group],
  );

/** Names unique to one test, so tests share a bus and a database without seeing each other. */
export const uniqueName = (prefix: string): string => `${prefix}.${randomUUID().slice(0, 8)}`;

export const eventMessage = (
  topic: string,
  key: string,
  body: string,
  eventId: string = randomUUID(),
): OutgoingMessage => ({
  topic,
  key,
  value: new TextEncoder().encode(body),
  headers: {
    [EVENT_HEADERS.eventId]: eventId,
    [EVENT_HEADERS.eventType]: 'ConformanceHappened',
    [EVENT_HEADERS.contentType]: 'text/plain',
  },
});

export const eventually = async (check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
