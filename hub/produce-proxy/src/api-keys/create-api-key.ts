import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '@omnistream/event-store';
import { DomainError } from '@omnistream/kernel';
import { assertTopicPattern } from './topic-pattern.js';

export interface NewApiKey {
  readonly name: string;
  /** Topic patterns this key may produce to. */
  readonly produce: readonly string[];
  /** Topic patterns this key may consume (and detokenize) from. */
  readonly consume: readonly string[];
  /** Produce requests a second this key may make (each process of a deployment counts its own); absent: no limit. */
  readonly requestsPerSecond?: number;
}

/** What the caller sees once: the secret is never stored, nor shown again. */
export interface IssuedApiKey {
  readonly key: string;
  readonly secret: string;
  readonly name: string;
  readonly produce: readonly string[];
  readonly consume: readonly string[];
  readonly requestsPerSecond: number | null;
}

export const secretDigest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** Upper-case letters and digits, as Confluent Cloud API keys look: easy to read out, safe in a URL and a header. */
const keyId = (): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(16)].map((byte) => alphabet[byte % 32]).join('');
};

export const createApiKey = async (db: Sql, request: NewApiKey): Promise<IssuedApiKey> => {
  const name = request.name.trim();
  if (name.length === 0 || name.length > 200)
    throw new DomainError('INVALID_API_KEY_NAME', 'an API key needs a name of 1 to 200 characters');
  const produce = request.produce.map(assertTopicPattern);
  const consume = request.consume.map(assertTopicPattern);
  if (produce.length + consume.length === 0)
    throw new DomainError(
      'INVALID_API_KEY_PERMISSIONS',
      'an API key needs at least one --produce or --consume topic pattern',
    );
  const requestsPerSecond = request.requestsPerSecond ?? null;
  if (requestsPerSecond !== null && (!Number.isInteger(requestsPerSecond) || requestsPerSecond < 1))
    throw new DomainError(
      'INVALID_API_KEY_RATE',
      'a rate limit is a whole number of requests a second, 1 or more',
    );
  const key = keyId();
  const secret = randomBytes(32).toString('base64url');
  await db.query(
    `insert into omnistream.hub_api_keys (key_id, name, secret_sha256, produce, consume, requests_per_second)
     values ($1, $2, $3, $4::text[], $5::text[], $6)`,
    [key, name, secretDigest(secret), produce, consume, requestsPerSecond],
  );
  return { key, secret, name, produce, consume, requestsPerSecond };
};
