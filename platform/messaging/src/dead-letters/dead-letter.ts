import type { IncomingMessage } from '../bus.js';

/**
 * parked: failed its last attempt; it blocks its key. waiting: arrived while its key was blocked; never handled.
 * redrive_requested: an operator asked for it to run again; the group's consumer will. redriven: handled on a
 * redrive (or released from waiting and handled). discarded: an operator gave it up.
 */
export const DEAD_LETTER_STATUSES = [
  'parked',
  'waiting',
  'redrive_requested',
  'redriven',
  'discarded',
] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

/** Rows that still hold their key: the oldest is the head, the rest wait behind it. */
export const OPEN_STATUSES: readonly DeadLetterStatus[] = ['parked', 'waiting', 'redrive_requested'];

export interface DeadLetter {
  readonly id: string;
  readonly group: string;
  readonly messageId: string;
  readonly status: DeadLetterStatus;
  readonly message: IncomingMessage;
  readonly error: { readonly message: string; readonly stack?: string } | undefined;
  readonly attempts: number;
  readonly firstFailedAt: Date | undefined;
  readonly lastFailedAt: Date | undefined;
  readonly createdAt: Date;
  readonly resolvedAt: Date | undefined;
}

export interface DeadLetterAuditEntry {
  readonly action: string;
  readonly actor: string;
  readonly reason: string | undefined;
  readonly at: Date;
}

/** Columns every dead letter read selects, in the shape `toDeadLetter` takes. */
export const DEAD_LETTER_COLUMNS = `d.id::text as id, d.group_name, d.message_id, d.status, d.topic, d.partition,
  d."offset", d.key, d.headers::text as headers, encode(d.value, 'base64') as value,
  (extract(epoch from d.message_timestamp) * 1000)::bigint::text as message_ms, d.error_message, d.error_stack,
  d.attempts, (extract(epoch from d.first_failed_at) * 1000)::bigint::text as first_ms,
  (extract(epoch from d.last_failed_at) * 1000)::bigint::text as last_ms,
  (extract(epoch from d.created_at) * 1000)::bigint::text as created_ms,
  (extract(epoch from d.resolved_at) * 1000)::bigint::text as resolved_ms`;

export interface DeadLetterRow {
  id: string;
  group_name: string;
  message_id: string;
  status: DeadLetterStatus;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: string;
  value: string;
  message_ms: string;
  error_message: string | null;
  error_stack: string | null;
  attempts: number;
  first_ms: string | null;
  last_ms: string | null;
  created_ms: string;
  resolved_ms: string | null;
}

const date = (ms: string | null): Date | undefined => (ms === null ? undefined : new Date(Number(ms)));

export const toDeadLetter = (row: DeadLetterRow): DeadLetter => ({
  id: row.id,
  group: row.group_name,
  messageId: row.message_id,
  status: row.status,
  message: {
    topic: row.topic,
    partition: Number(row.partition),
    offset: row.offset,
    key: row.key,
    headers: JSON.parse(row.headers) as Record<string, string>,
    value: new Uint8Array(Buffer.from(row.value, 'base64')),
    timestamp: new Date(Number(row.message_ms)),
  },
  error:
    row.error_message === null
      ? undefined
      : { message: row.error_message, ...(row.error_stack === null ? {} : { stack: row.error_stack }) },
  attempts: Number(row.attempts),
  firstFailedAt: date(row.first_ms),
  lastFailedAt: date(row.last_ms),
  createdAt: new Date(Number(row.created_ms)),
  resolvedAt: date(row.resolved_ms),
});
