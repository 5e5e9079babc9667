import { createHmac } from 'node:crypto';
import type { Database, Sql } from '@omnistream/event-store';
import { DomainError } from '@omnistream/kernel';
import { normalizePan } from '../formats/format-preserving-pan-token.js';
import { maskValue } from '../formats/mask-value.js';
import { fieldName, jsonPath } from '../schema/json-path.js';
import { replaceAt } from '../schema/replace-at.js';
import { sensitiveLocations } from '../schema/sensitive-locations.js';
import type { SensitiveKind } from '../sensitive-kind.js';
import { storeToken, type TokenToStore } from './store-token.js';
import { drawToken } from './draw-token.js';
import { subjectKeysOf } from './subject-keys-many.js';
import { sealValue } from './value-cipher.js';
import type { Detokenized, Disclosure, LocatedRecord, TokenVault, TokenizeRequest } from './token-vault.js';
import { keyMismatch, subjectKey, unwrapSubjectKey } from './subject-keys.js';
import { openValue } from './value-cipher.js';
import { deriveVaultKeys } from './vault-keys.js';

export interface TokenVaultOptions {
  readonly db: Database;
  /** 32 bytes as 64 hex characters; configuration, never stored. */
  readonly masterKeyHex: string;
  /** Fields (as `tokenizeRecord` names them: `customer.email`, `lines[].phone`) that get deterministic tokens. */
  readonly deterministicFields?: readonly string[];
}

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

  /** What storeToken needs for a request: the normalised value, and where its token comes from. */
  const toStore = (request: TokenizeRequest): TokenToStore => {
    const { field, kind } = request;
    const value = kind === 'pan' ? normalizePan(request.value) : request.value;
    const isDeterministic = request.deterministic ?? deterministic.has(field);
    return {
      subjectId: request.subjectId,
      field,
      kind,
      value,
      source: isDeterministic
        ? { type: 'deterministic', key: keys.deterministicTokens, field }
        : { type: 'random' },
      fingerprint: isDeterministic ? fingerprint(field, value) : null,
    };
  };

  const tokenizeIn = (tx: Sql, dataKey: Buffer, request: TokenizeRequest): Promise<string> =>
    storeToken(tx, dataKey, toStore(request));

  /** The token a value gets on its first draw, sealed under its subject's key, and what storeToken needs after. */
  const firstDraw = (dataKey: Buffer, request: TokenizeRequest) => {
    const stored = toStore(request);
    const { field, kind, value } = stored;
    const token = drawToken(kind, value, stored.source, 0);
    return { token, toStore: stored, sealed: sealValue(dataKey, { token, field, kind }, value) };
  };

  const tokenizeMany = async (records: readonly LocatedRecord[]): Promise<unknown[]> => {
    if (records.every((record) => record.locations.length === 0)) return records.map((r) => r.value);
    return db.transaction(async (tx) => {
      const dataKeys = await subjectKeysOf(
        tx,
        keys.keyWrapping,
        records.filter((r) => r.locations.length > 0).map((r) => r.subjectId),
      );
      const draws = records.map((record) =>
        record.locations.map((location) =>
          firstDraw(dataKeys.get(record.subjectId)!, {
            subjectId: record.subjectId,
            field: fieldName(location.path),
            kind: location.kind,
            value: location.value,
          }),
        ),
      );
      // One insert for every first draw; a token drawn twice in the batch (a deterministic value repeated) once.
      const firstOf = new Map<string, ReturnType<typeof firstDraw>>();
      for (const draw of draws.flat()) if (!firstOf.has(draw.token)) firstOf.set(draw.token, draw);
      const rows = [...firstOf.values()];
      const inserted = await tx.query<{ token: string }>(
        `insert into omnistream.tokens (token, subject_id, field, kind, ciphertext, iv, tag, fingerprint)
         select r.token, r.subject_id, r.field, r.kind, decode(r.c, 'base64'), decode(r.i, 'base64'),
                decode(r.t, 'base64'), decode(r.f, 'base64')
           from jsonb_to_recordset($1::text::jsonb)
             as r(token text, subject_id text, field text, kind text, c text, i text, t text, f text)
         on conflict (token) do nothing
         returning token`,
        [
          JSON.stringify(
            rows.map(({ token, toStore, sealed }) => ({
              token,
              subject_id: toStore.subjectId,
              field: toStore.field,
              kind: toStore.kind,
              c: sealed.ciphertext.toString('base64'),
              i: sealed.iv.toString('base64'),
              t: sealed.tag.toString('base64'),
              f: toStore.fingerprint?.toString('base64') ?? null,
            })),
          ),
        ],
      );
      const stored = new Set(inserted.map((row) => row.token));
      // A token that was not inserted: taken by another value (draw again), stored before (a deterministic token,
      // kept if its fingerprint matches), or drawn twice in this batch. storeToken settles each one as it would alone.
      const settled = new Map<ReturnType<typeof firstDraw>, string>();
      for (const draw of draws.flat()) {
        const first = firstOf.get(draw.token)!;
        if (first === draw && stored.has(draw.token)) settled.set(draw, draw.token);
        else if (
          first !== draw &&
          stored.has(draw.token) &&
          first.toStore.fingerprint !== null &&
          draw.toStore.fingerprint?.equals(first.toStore.fingerprint)
        )
          settled.set(draw, draw.token);
        else settled.set(draw, await storeToken(tx, dataKeys.get(draw.toStore.subjectId)!, draw.toStore));
      }
      return records.map((record, r) =>
        record.locations.length === 0
          ? record.value
          : replaceAt(
              record.value,
              record.locations.map((location, l) => ({
                path: location.path,
                with: settled.get(draws[r]![l]!)!,
              })),
            ),
      );
    });
  };

  return {
    tokenizeMany,
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
          const value = openValue(
            dataKey,
            { token, field: row.field, kind: row.kind },
            { ciphertext: Buffer.from(row.ciphertext), iv: Buffer.from(row.iv), tag: Buffer.from(row.tag) },
          );
          if (value === undefined) throw keyMismatch();
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
