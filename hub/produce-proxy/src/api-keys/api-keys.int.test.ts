import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import { fixedClock } from '@omnistream/kernel';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { apiKeysCli } from './api-keys-cli.js';
import { apiKeyRateLimitsSchema, apiKeysSchema } from './api-keys-schema.js';
import { createApiKeyAuthenticator } from './authenticate-api-key.js';
import { createApiKey } from './create-api-key.js';
import { revokeApiKey } from './revoke-api-key.js';
import { matchesAny } from './topic-pattern.js';

const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

describe.each(testDatabases())('hub API keys on $name', (target) => {
  let opened: OpenedTestDatabase;
  beforeAll(async () => {
    opened = await target.open({
      migrations: [...platformMigrations, apiKeysSchema, apiKeyRateLimitsSchema],
    });
  });
  afterAll(async () => opened?.close());

  it('issues a key whose secret authenticates as Basic and Bearer, and stores only a hash of it', async () => {
    const issued = await createApiKey(opened.db, { name: 'store-pos', produce: ['pos.*'], consume: [] });
    expect(issued.key).toMatch(/^[A-Z2-7]{16}$/);
    const authenticate = createApiKeyAuthenticator(opened.db, { clock: fixedClock('2026-11-21T10:00:00Z') });
    expect(await authenticate(basic(issued.key, issued.secret))).toEqual({
      key: issued.key,
      name: 'store-pos',
      produce: ['pos.*'],
      consume: [],
      requestsPerSecond: null,
    });
    const limited = await createApiKey(opened.db, {
      name: 'till',
      produce: ['pos.*'],
      consume: [],
      requestsPerSecond: 50,
    });
    expect((await authenticate(basic(limited.key, limited.secret))).requestsPerSecond).toBe(50);
    await expect(
      createApiKey(opened.db, { name: 'bad', produce: ['pos.*'], consume: [], requestsPerSecond: 0 }),
    ).rejects.toMatchObject({ code: 'INVALID_API_KEY_RATE' });
    expect((await authenticate(`Bearer ${issued.key}:${issued.secret}`)).key).toBe(issued.key);
    const [row] = await opened.db.query<{ secret_sha256: Uint8Array }>(
      'select secret_sha256 from omnistream.hub_api_keys where key_id = $1',
      [issued.key],
    );
    expect(Buffer.from(row?.secret_sha256 ?? []).toString('utf8')).not.toContain(issued.secret);
  });

  it('refuses a wrong secret, an unknown key, missing or malformed credentials with UNAUTHENTICATED', async () => {
    const issued = await createApiKey(opened.db, { name: 'web', produce: ['web.*'], consume: [] });
    const authenticate = createApiKeyAuthenticator(opened.db, { clock: fixedClock('2026-11-21T10:00:00Z') });
    for (const header of [
      basic(issued.key, 'wrong-secret'),
      basic('NOSUCHKEY', issued.secret),
      undefined,
      'Basic !!!',
      'Digest abc',
    ])
      await expect(authenticate(header)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('stops authenticating a revoked key once its cached entry is older than the cache time', async () => {
    let now = Date.parse('2026-11-21T10:00:00Z');
    const clock = { now: () => new Date(now) };
    const issued = await createApiKey(opened.db, { name: 'old', produce: ['*'], consume: [] });
    const authenticate = createApiKeyAuthenticator(opened.db, { clock, cacheMs: 1_000 });
    await authenticate(basic(issued.key, issued.secret));
    await revokeApiKey(opened.db, issued.key);
    now += 1_001;
    await expect(authenticate(basic(issued.key, issued.secret))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('creates, lists and revokes keys from the CLI as JSON, and answers a usage error with 2', async () => {
    let out = '';
    let err = '';
    const io = { db: opened.db, stdout: (t: string) => (out += t), stderr: (t: string) => (err += t) };
    expect(
      await apiKeysCli(['create', '--name', 'erp', '--produce', 'orders.*', '--consume', 'orders.order'], io),
    ).toBe(0);
    const created = JSON.parse(out) as { key: string; secret: string; produce: string[]; consume: string[] };
    expect(created).toMatchObject({ name: 'erp', produce: ['orders.*'], consume: ['orders.order'] });
    expect(created.secret.length).toBeGreaterThan(30);
    out = '';
    expect(await apiKeysCli(['list'], io)).toBe(0);
    const listed = JSON.parse(out) as { apiKeys: { key: string; revoked: boolean }[] };
    expect(listed.apiKeys.find((k) => k.key === created.key)).toMatchObject({ revoked: false });
    expect(out).not.toContain(created.secret);
    out = '';
    expect(await apiKeysCli(['revoke', created.key], io)).toBe(0);
    expect(await apiKeysCli(['create', '--produce', 'x'], io)).toBe(2);
    expect(err).toContain('create needs --name');
    expect(await apiKeysCli(['create', '--name', 'nothing'], io)).toBe(1);
    expect(err).toContain('INVALID_API_KEY_PERMISSIONS');
    expect(await apiKeysCli(['create', '--name', 'bad', '--produce', 'has space'], io)).toBe(1);
    expect(err).toContain('INVALID_TOPIC_PATTERN');
  });
});

describe('topic patterns', () => {
  it('match whole names, with * for any run of characters and dots taken literally', () => {
    expect(matchesAny(['orders.*'], 'orders.order')).toBe(true);
    expect(matchesAny(['orders.*'], 'ordersXorder')).toBe(false);
    expect(matchesAny(['orders.order'], 'orders.order.v2')).toBe(false);
    expect(matchesAny(['*'], 'anything')).toBe(true);
    expect(matchesAny([], 'anything')).toBe(false);
  });
});
