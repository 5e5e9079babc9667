import { createHmac } from 'node:crypto';
import type { Database, Sql } from '@omnistream/event-store';
import { DomainError } from '@omnistream/kernel';
import { normalizePan } from '../formats/format-preserving-pan-token.js';
import { maskValue } from '../formats/mask-value.js';
import { fieldName, jsonPath } from '../schema/json-path.js';
import { replaceAt } from '../schema/replace-at.js';
import { sensitiveLocations } from '../schema/sensitive-locations.js';
import type { SensitiveKind } from '../sensitive-kind.js';
import { open, seal } from './aes-gcm.js';
import { drawToken, type TokenSource } from './draw-token.js';
import { keyMismatch, subjectKey, unwrapSubjectKey } from './subject-keys.js';
import { deriveVaultKeys } from './vault-keys.js';

/** What a consumer is shown; `deny` is decided before the vault is asked (see detokenizeAs). */
export type Disclosure = 'reveal' | 'mask' | 'redact';

export interface TokenizeRequest {
  readonly subjectId: string;
  readonly field: string;
  readonly kind: SensitiveKind;
  readonly value: string;
  /** Overrides the vault's `deterministicFields` for this call. */
  readonly deterministic?: boolean;
}

export type Detokenized = { readonly value: string } | { readonly value: null; readonly redacted: true };

export interface TokenReveal {
  readonly consumer: string;
  readonly policy: Disclosure;
  readonly field: string;
  readonly at: string;
}

export interface TokenizedRecord {
  readonly value: unknown;
  /** JSON paths (`$.customer.email`) whose values were replaced. Paths only: never values or tokens. */
  readonly tokenized: readonly string[];
}

export interface TokenVault {
  tokenize(request: TokenizeRequest): Promise<string>;
  tokenizeRecord(
    schema: Readonly<Record<string, unknown>>,
    value: unknown,
    subjectId: string,
  ): Promise<TokenizedRecord>;
  /** What a token stands for (never its value); TOKEN_NOT_FOUND when unknown. */
  describe(token: string): Promise<{ readonly field: string; readonly kind: SensitiveKind }>;
  /** Every call is audited, whatever the disclosure. TOKEN_NOT_FOUND, SUBJECT_ERASED. */
  detokenize(request: { token: string; consumer: string; policy: Disclosure }): Promise<Detokenized>;
  /** Crypto-shreds the subject; true when it had a key or tokens. */
  eraseSubject(subjectId: string): Promise<boolean>;
  revealsOf(token: string): Promise<TokenReveal[]>;
}

export interface TokenVaultOptions {
  readonly db: Database;
  /** 32 bytes as 64 hex characters; configuration, never stored. */
  readonly masterKeyHex: string;
  /** Fields (as `tokenizeRecord` names them: `customer.email`, `lines[].phone`) that get deterministic tokens. */
  readonly deterministicFields?: readonly string[];
}

/** Gives up on a candidate space this crowded rather than loop: a 13-digit card has 1,000 middles per BIN and tail. */
const MAX_ATTEMPTS = 32;

const valueAad = (token: string, field: string, kind: SensitiveKind): string =>
  `token:${token}\0${field}\0${kind}`;

const notFound = (): DomainError => new DomainError('TOKEN_NOT_FOUND', 'no such token');
const erased = (): DomainError =>
  new DomainError(
    'SUBJECT_ERASED',
    'the data subject behind this token was erased; its value is gone for good',
  );

interface TokenRow {
  subject_id: string;
  field: string;
  kind: SensitiveKind;
  ciphertext: Uint8Array | null;
  iv: Uint8Array | null;
  tag: Uint8Array | null;
  encrypted_key: Uint8Array | null;
}

/**
 * The token vault (hub/tokenization README): values sealed with AES-256-GCM under a per-subject data key, itself
 * sealed under a key derived from the master key. Never logs: values and tokens must not reach a log line.
 */
export const createTokenVault = ({
  db,
  masterKeyHex,
  deterministicFields = [],
}: TokenVaultOptions): TokenVault => {
  const keys = deriveVaultKeys(masterKeyHex);
  const deterministic = new Set(deterministicFields);

  const fingerprint = (field: string, value: string): Buffer =>
    createHmac('sha256', keys.fingerprints).update(`${field}\0${value}`, 'utf8').digest();

  const tokenizeIn = async (tx: Sql, dataKey: Buffer, request: TokenizeRequest): Promise<string> => {
    const { subjectId, field, kind } = request;
    const value = kind === 'pan' ? normalizePan(request.value) : request.value;
    const isDeterministic = request.deterministic ?? deterministic.has(field);
    const source: TokenSource = isDeterministic
      ? { type: 'deterministic', key: keys.deterministicTokens, field }
      : { type: 'random' };
    const print = isDeterministic ? fingerprint(field, value) : null;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const token = drawToken(kind, value, source, attempt);
      const sealed = seal(dataKey, Buffer.from(value, 'utf8'), valueAad(token, field, kind));
      const inserted = await tx.query(
        `insert into omnistream.tokens (token, subject_id, field, kind, ciphertext, iv, tag, fingerprint)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (token) do nothing
         returning 1`,
        [token, subjectId, field, kind, sealed.ciphertext, sealed.iv, sealed.tag, print],
      );
      if (inserted.length > 0 || print === null) {
        if (inserted.length > 0) return token;
        continue; // a random token that already exists: draw again
      }
      const [existing] = await tx.query<{ fingerprint: Uint8Array | null; shredded: boolean }>(
        'select fingerprint, ciphertext is null as shredded from omnistream.tokens where token = $1',
        [token],
      );
      if (existing?.fingerprint == null || !print.equals(Buffer.from(existing.fingerprint))) continue; // collision
      if (!existing.shredded) return token; // made before, by this or another process
      // Its subject was erased, and the value comes back: the token lives again, under this subject's key.
      await tx.query(
        `update omnistream.tokens set subject_id = $2, ciphertext = $3, iv = $4, tag = $5
         where token = $1 and ciphertext is null`,
        [token, subjectId, sealed.ciphertext, sealed.iv, sealed.tag],
      );
      return token;
    }
    throw new DomainError('TOKEN_SPACE_EXHAUSTED', `no free token after ${MAX_ATTEMPTS} attempts`, { field });
  };

  return {
    tokenize: (request) =>
      db.transaction(async (tx) =>
        tokenizeIn(tx, await subjectKey(tx, keys.keyWrapping, request.subjectId), request),
      ),

    tokenizeRecord: async (schema, value, subjectId) => {
      const locations = sensitiveLocations(schema, value);
      if (locations.length === 0) return { value, tokenized: [] };
      // One transaction per record: it leaves with all its sensitive values tokenized, or not at all.
      const replacements = await db.transaction(async (tx) => {
        const dataKey = await subjectKey(tx, keys.keyWrapping, subjectId);
        const out: { path: readonly (string | number)[]; with: string }[] = [];
        for (const location of locations) {
          const field = fieldName(location.path);
          const token = await tokenizeIn(tx, dataKey, {
            subjectId,
            field,
            kind: location.kind,
            value: location.value,
          });
          out.push({ path: location.path, with: token });
        }
        return out;
      });
      return { value: replaceAt(value, replacements), tokenized: locations.map((l) => jsonPath(l.path)) };
    },

    describe: async (token) => {
      const [row] = await db.query<{ field: string; kind: SensitiveKind }>(
        'select field, kind from omnistream.tokens where token = $1',
        [token],
      );
      if (row === undefined) throw notFound();
      return { field: row.field, kind: row.kind };
    },

    detokenize: ({ token, consumer, policy }) =>
      db.transaction(async (tx) => {
        const [row] = await tx.query<TokenRow>(
          `select t.subject_id, t.field, t.kind, t.ciphertext, t.iv, t.tag, k.encrypted_key
           from omnistream.tokens t
           left join omnistream.token_subject_keys k on k.subject_id = t.subject_id
           where t.token = $1`,
          [token],
        );
        if (row === undefined) throw notFound();
        if (row.encrypted_key === null || row.ciphertext === null || row.iv === null || row.tag === null)
          throw erased();
        let result: Detokenized = { value: null, redacted: true };
        if (policy !== 'redact') {
          const dataKey = unwrapSubjectKey(keys.keyWrapping, row.subject_id, row.encrypted_key);
          const clear = open(
            dataKey,
            { ciphertext: Buffer.from(row.ciphertext), iv: Buffer.from(row.iv), tag: Buffer.from(row.tag) },
            valueAad(token, row.field, row.kind),
          );
          if (clear === undefined) throw keyMismatch();
          const value = clear.toString('utf8');
          result = { value: policy === 'reveal' ? value : maskValue(row.kind, value) };
        }
        // In the same transaction: no value is handed out without its audit record.
        await tx.query(
          'insert into omnistream.token_reveals (token, consumer, policy, field) values ($1, $2, $3, $4)',
          [token, consumer, policy, row.field],
        );
        return result;
      }),

    eraseSubject: (subjectId) =>
      db.transaction(async (tx) => {
        const keysGone = await tx.query(
          'delete from omnistream.token_subject_keys where subject_id = $1 returning 1',
          [subjectId],
        );
        // The key is what makes ciphertexts readable; emptying them too leaves nothing to brute-force later.
        const shredded = await tx.query(
          `update omnistream.tokens set ciphertext = null, iv = null, tag = null
           where subject_id = $1 and ciphertext is not null
           returning 1`,
          [subjectId],
        );
        return keysGone.length > 0 || shredded.length > 0;
      }),

    revealsOf: async (token) => {
      const rows = await db.query<{ consumer: string; policy: Disclosure; field: string; at: Date | string }>(
        'select consumer, policy, field, at from omnistream.token_reveals where token = $1 order by id',
        [token],
      );
      return rows.map((r) => ({
        consumer: r.consumer,
        policy: r.policy,
        field: r.field,
        at: r.at instanceof Date ? r.at.toISOString() : new Date(r.at).toISOString(),
      }));
    },
  };
};
