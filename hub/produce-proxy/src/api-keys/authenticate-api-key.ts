import { timingSafeEqual } from 'node:crypto';
import type { Sql } from '@omnistream/event-store';
import { DomainError, type Clock } from '@omnistream/kernel';
import { secretDigest } from './create-api-key.js';

export interface ApiKeyPrincipal {
  readonly key: string;
  readonly name: string;
  readonly produce: readonly string[];
  readonly consume: readonly string[];
  /** Null: no rate limit. */
  readonly requestsPerSecond: number | null;
}

interface StoredKey extends ApiKeyPrincipal {
  readonly digest: Buffer;
  readonly revoked: boolean;
}

const unauthenticated = (why: string) =>
  new DomainError(
    'UNAUTHENTICATED',
    `${why}: send the API key and secret as HTTP Basic (key:secret) or Bearer key:secret`,
  );

/** `Basic base64(key:secret)` as Confluent Cloud clients send it, or `Bearer key:secret`. */
const credentialsOf = (authorization: string | undefined): { key: string; secret: string } => {
  if (authorization === undefined || authorization.trim() === '') throw unauthenticated('no credentials');
  const [scheme = '', value = ''] = authorization.trim().split(/\s+/, 2);
  const pair =
    scheme.toLowerCase() === 'basic'
      ? Buffer.from(value, 'base64').toString('utf8')
      : scheme.toLowerCase() === 'bearer'
        ? value
        : undefined;
  const colon = pair?.indexOf(':') ?? -1;
  if (pair === undefined || colon <= 0) throw unauthenticated('malformed credentials');
  return { key: pair.slice(0, colon), secret: pair.slice(colon + 1) };
};

/**
 * Checks a request's API key and secret. Keys are kept in memory for `cacheMs` once read, so a busy producer costs
 * one hash per request, not a query; a revocation takes effect within that time.
 */
export const createApiKeyAuthenticator = (
  db: Sql,
  { clock, cacheMs = 30_000 }: { clock: Clock; cacheMs?: number },
) => {
  const cache = new Map<string, { readonly at: number; readonly stored: StoredKey | undefined }>();

  const load = async (key: string): Promise<StoredKey | undefined> => {
    const now = clock.now().getTime();
    const cached = cache.get(key);
    if (cached !== undefined && now - cached.at < cacheMs) return cached.stored;
    const [row] = await db.query<{
      name: string;
      secret_sha256: Uint8Array;
      produce: string[];
      consume: string[];
      requests_per_second: number | null;
      revoked: boolean;
    }>(
      `select name, secret_sha256, produce, consume, requests_per_second, revoked_at is not null as revoked
         from omnistream.hub_api_keys where key_id = $1`,
      [key],
    );
    const stored =
      row === undefined
        ? undefined
        : {
            key,
            name: row.name,
            produce: row.produce,
            consume: row.consume,
            requestsPerSecond: row.requests_per_second === null ? null : Number(row.requests_per_second),
            digest: Buffer.from(row.secret_sha256),
            revoked: row.revoked,
          };
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { at: now, stored });
    return stored;
  };

  return async (authorization: string | undefined): Promise<ApiKeyPrincipal> => {
    const { key, secret } = credentialsOf(authorization);
    const stored = await load(key);
    const given = secretDigest(secret);
    // Compared even for an unknown key, so the answer takes as long whether or not the key exists.
    const expected = stored?.digest ?? Buffer.alloc(given.length);
    if (!timingSafeEqual(given, expected) || stored === undefined || stored.revoked)
      throw unauthenticated('unknown API key, wrong secret or revoked key');
    return {
      key: stored.key,
      name: stored.name,
      produce: stored.produce,
      consume: stored.consume,
      requestsPerSecond: stored.requestsPerSecond,
    };
  };
};

export type ApiKeyAuthenticator = ReturnType<typeof createApiKeyAuthenticator>;
