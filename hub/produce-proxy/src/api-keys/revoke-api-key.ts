import type { Sql } from '@omnistream/event-store';
import { DomainError } from '@omnistream/kernel';

/** Revokes a key for good; revoking it again changes nothing. */
export const revokeApiKey = async (db: Sql, key: string): Promise<void> => {
  const rows = await db.query(
    `update omnistream.hub_api_keys set revoked_at = coalesce(revoked_at, now()) where key_id = $1 returning 1`,
    [key],
  );
  if (rows.length === 0) throw new DomainError('API_KEY_NOT_FOUND', `no API key ${key}`);
};

/** Every key, without secrets, newest first. */
export const listApiKeys = (db: Sql) =>
  db.query<{
    key: string;
    name: string;
    produce: string[];
    consume: string[];
    created_at: string;
    revoked: boolean;
  }>(
    `select key_id as key, name, produce, consume, requests_per_second as "requestsPerSecond", created_at::text as created_at, revoked_at is not null as revoked
       from omnistream.hub_api_keys order by created_at desc, key_id`,
  );
