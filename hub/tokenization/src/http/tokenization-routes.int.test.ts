import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import { createHttpApp, type HttpApp } from '@omnistream/http';
import { createLogger } from '@omnistream/observability';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createDetokenizePolicies } from '../policies/create-detokenize-policies.js';
import { createTokenVault } from '../vault/create-token-vault.js';
import type { TokenVault } from '../vault/token-vault.js';
import { tokenizationSchema } from '../vault/tokenization-schema.js';
import { tokenizationRoutes } from './tokenization-routes.js';

/** Stands in for authentication: the test names the caller in a header. */
const PRINCIPAL_HEADER = 'x-test-principal';
const PAN = '4111111111111111';

describe.each(testDatabases())('tokenization routes on $name', (target) => {
  let opened: OpenedTestDatabase;
  let app: HttpApp;
  let vault: TokenVault;
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, tokenizationSchema] });
    vault = createTokenVault({ db: opened.db, masterKeyHex: randomBytes(32).toString('hex') });
    const policies = createDetokenizePolicies({
      'fraud-service': { pan: 'reveal', default: 'mask' },
      'support-desk': { pan: 'mask', phone: 'deny' },
    });
    app = await createHttpApp({ logger: createLogger({ level: 'silent' }) });
    app.addHook('onRequest', (request, _reply, done) => {
      const header = request.headers[PRINCIPAL_HEADER];
      request.principal = typeof header === 'string' ? header : null;
      done();
    });
    await app.register(tokenizationRoutes, { vault, policies });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const detokenize = (token: string, principal?: string) =>
    app.inject({
      method: 'POST',
      url: '/tokens/detokenize',
      payload: { token },
      headers: principal === undefined ? {} : { [PRINCIPAL_HEADER]: principal },
    });

  const expectProblem = (response: Awaited<ReturnType<typeof detokenize>>, status: number, code: string) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json<{ code: string }>().code).toBe(code);
  };

  it('answers 401 UNAUTHENTICATED to an anonymous caller, and audits nothing', async () => {
    const token = await vault.tokenize({ subjectId: 's-1', field: 'card', kind: 'pan', value: PAN });
    expectProblem(await detokenize(token), 401, 'UNAUTHENTICATED');
    expect(await vault.revealsOf(token)).toEqual([]);
  });

  it('answers 403 DETOKENIZE_FORBIDDEN to a consumer denied the kind, or not configured at all', async () => {
    const token = await vault.tokenize({
      subjectId: 's-2',
      field: 'phone',
      kind: 'phone',
      value: '0612345678',
    });
    expectProblem(await detokenize(token, 'support-desk'), 403, 'DETOKENIZE_FORBIDDEN');
    expectProblem(await detokenize(token, 'stranger'), 403, 'DETOKENIZE_FORBIDDEN');
    expect(await vault.revealsOf(token)).toEqual([]);
  });

  it('reveals to an allowed consumer, masks for another, and audits both', async () => {
    const token = await vault.tokenize({ subjectId: 's-3', field: 'card', kind: 'pan', value: PAN });
    const revealed = await detokenize(token, 'fraud-service');
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ value: PAN });
    const masked = await detokenize(token, 'support-desk');
    expect(masked.json()).toEqual({ value: '411111******1111' });
    expect((await vault.revealsOf(token)).map((r) => [r.consumer, r.policy])).toEqual([
      ['fraud-service', 'reveal'],
      ['support-desk', 'mask'],
    ]);
  });

  it('redacts a kind a consumer has no policy for', async () => {
    const token = await vault.tokenize({ subjectId: 's-4', field: 'name', kind: 'pii', value: 'Alice' });
    const response = await detokenize(token, 'support-desk');
    expect(response.json()).toEqual({ value: null, redacted: true });
  });

  it('answers 404 TOKEN_NOT_FOUND for an unknown token and 400 for a missing one', async () => {
    expectProblem(await detokenize('tok_unknown', 'fraud-service'), 404, 'TOKEN_NOT_FOUND');
    const missing = await app.inject({
      method: 'POST',
      url: '/tokens/detokenize',
      payload: {},
      headers: { [PRINCIPAL_HEADER]: 'fraud-service' },
    });
    expectProblem(missing, 400, 'VALIDATION_FAILED');
  });

  it('erases a subject with 204, after which its tokens answer 410 SUBJECT_ERASED', async () => {
    const token = await vault.tokenize({ subjectId: 's-5', field: 'card', kind: 'pan', value: PAN });
    const anonymous = await app.inject({ method: 'DELETE', url: '/subjects/s-5' });
    expectProblem(anonymous, 401, 'UNAUTHENTICATED');
    const erased = await app.inject({
      method: 'DELETE',
      url: '/subjects/s-5',
      headers: { [PRINCIPAL_HEADER]: 'privacy-officer' },
    });
    expect(erased.statusCode, erased.body).toBe(204);
    expect(erased.body).toBe('');
    expectProblem(await detokenize(token, 'fraud-service'), 410, 'SUBJECT_ERASED');
  });
});
