import type { Migration } from '@omnistream/event-store';

/**
 * The vault. A data subject's key is stored only wrapped under the master key; erasing the subject deletes that
 * row and empties its tokens' ciphertexts (crypto-shredding), while the token rows stay so that a later detokenize
 * can say the subject was erased rather than that the token never existed. `fingerprint` (a keyed HMAC of field
 * and value) is set only for deterministic tokens, to tell a second producer of the same token from a collision.
 * Released: add new migrations, never edit this one.
 */
export const tokenizationSchema: Migration = {
  id: '0101-hub-tokenization',
  sql: `
create table omnistream.token_subject_keys (
  subject_id text primary key,
  encrypted_key bytea not null,
  created_at timestamptz not null default now()
);

create table omnistream.tokens (
  token text primary key,
  subject_id text not null,
  field text not null,
  kind text not null check (kind in ('pii', 'pan', 'email', 'phone')),
  ciphertext bytea,
  iv bytea,
  tag bytea,
  fingerprint bytea,
  created_at timestamptz not null default now()
);

create index tokens_subject_idx on omnistream.tokens (subject_id);

create table omnistream.token_reveals (
  id bigserial primary key,
  token text not null,
  consumer text not null,
  policy text not null check (policy in ('reveal', 'mask', 'redact')),
  field text not null,
  at timestamptz not null default now()
);

create index token_reveals_token_idx on omnistream.token_reveals (token, id);
`,
};
