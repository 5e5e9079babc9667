import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { isLuhnValid } from '../formats/luhn.js';
import { createTokenVault } from './create-token-vault.js';
import { tokenizationSchema } from './tokenization-schema.js';

const masterKeyHex = randomBytes(32).toString('hex');
const PAN = '4111111111111111';

const rejection = (code: string) => expect.objectContaining({ code }) as Error;

describe.each(testDatabases())('token vault on $name', (target) => {
  let opened: OpenedTestDatabase;
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, tokenizationSchema] });
  });
  afterAll(() => opened.close());

  const vault = () =>
    createTokenVault({ db: opened.db, masterKeyHex, deterministicFields: ['customer.email'] });

  it('tokenizes a card number into a Luhn-valid number with its first six and last four digits', async () => {
    const token = await vault().tokenize({
      subjectId: 'customer-1',
      field: 'card.number',
      kind: 'pan',
      value: PAN,
    });
    expect(token).toMatch(/^411111\d{6}1111$/);
    expect(isLuhnValid(token)).toBe(true);
    expect(token).not.toBe(PAN);
  });

  it('draws a new random token on every call', async () => {
    const request = { subjectId: 'customer-1', field: 'customer.name', kind: 'pii', value: 'Alice' } as const;
    const first = await vault().tokenize(request);
    const second = await vault().tokenize(request);
    expect(first).not.toBe(second);
    expect(await vault().tokenize({ ...request, kind: 'pan', field: 'card.number', value: PAN })).not.toBe(
      await vault().tokenize({ ...request, kind: 'pan', field: 'card.number', value: PAN }),
    );
  });

  it('gives a deterministic field the same token in every vault, and another value another token', async () => {
    const request = {
      subjectId: 'customer-2',
      field: 'customer.email',
      kind: 'email',
      value: 'bob@example.com',
    } as const;
    const one = await vault().tokenize(request);
    const other = createTokenVault({ db: opened.db, masterKeyHex, deterministicFields: ['customer.email'] });
    expect(await other.tokenize(request)).toBe(one);
    expect(await other.tokenize({ ...request, subjectId: 'customer-3' })).toBe(one);
    expect(await other.tokenize({ ...request, value: 'carol@example.com' })).not.toBe(one);
    // A card number asked for deterministically keeps its shape, and its token.
    const card = {
      subjectId: 'customer-2',
      field: 'card.number',
      kind: 'pan',
      value: PAN,
      deterministic: true,
    } as const;
    const pan = await vault().tokenize(card);
    expect(await other.tokenize(card)).toBe(pan);
    expect(isLuhnValid(pan)).toBe(true);
    expect(pan).not.toBe(PAN);
  });

  it('keeps deterministic card tokens apart when their small space collides, each revealing its own number', async () => {
    // 13-digit cards sharing first six and last four have only 100 Luhn-valid tokens: collisions are certain.
    const pans = Array.from({ length: 40 }, (_, i) => {
      const middle = String(i).padStart(2, '0');
      const pan = [...'0123456789'].map((d) => `422222${d}${middle}2222`).find(isLuhnValid);
      if (pan === undefined) throw new Error('one check position digit always makes a number Luhn-valid');
      return pan;
    });
    const card = (value: string) =>
      ({ subjectId: 'customer-13', field: 'card.short', kind: 'pan', value, deterministic: true }) as const;
    const tokens: string[] = [];
    for (const pan of pans) tokens.push(await vault().tokenize(card(pan)));
    expect(new Set(tokens).size).toBe(pans.length);
    for (const [i, pan] of pans.entries()) {
      expect(await vault().tokenize(card(pan))).toBe(tokens[i]);
      const token = tokens[i] ?? '';
      expect(token).not.toBe(pan);
      expect(isLuhnValid(token)).toBe(true);
      expect(await vault().detokenize({ token, consumer: 'c', policy: 'reveal' })).toEqual({ value: pan });
    }
  });

  it('stores only ciphertext: the clear value appears nowhere in the row', async () => {
    const value = 'dora.unique-marker@example.com';
    const token = await vault().tokenize({ subjectId: 'customer-4', field: 'contact', kind: 'email', value });
    const [row] = await opened.db.query<Record<string, unknown>>(
      'select * from omnistream.tokens where token = $1',
      [token],
    );
    expect(row).toBeDefined();
    const clear = Buffer.from(value, 'utf8');
    for (const cell of Object.values(row ?? {})) {
      if (cell instanceof Uint8Array) expect(Buffer.from(cell).includes(clear)).toBe(false);
      else expect(String(cell)).not.toContain(value);
    }
    const [key] = await opened.db.query<{ encrypted_key: Uint8Array }>(
      'select encrypted_key from omnistream.token_subject_keys where subject_id = $1',
      ['customer-4'],
    );
    expect(key?.encrypted_key.length).toBe(12 + 16 + 32);
  });

  it('reveals a value to a consumer and writes an audit record of it', async () => {
    const token = await vault().tokenize({
      subjectId: 'customer-5',
      field: 'card.number',
      kind: 'pan',
      value: PAN,
    });
    expect(await vault().detokenize({ token, consumer: 'fraud-service', policy: 'reveal' })).toEqual({
      value: PAN,
    });
    expect(await vault().revealsOf(token)).toEqual([
      { consumer: 'fraud-service', policy: 'reveal', field: 'card.number', at: expect.any(String) as string },
    ]);
  });

  it('masks and redacts, and audits those too', async () => {
    const pan = await vault().tokenize({
      subjectId: 'customer-6',
      field: 'card.number',
      kind: 'pan',
      value: PAN,
    });
    const email = await vault().tokenize({
      subjectId: 'customer-6',
      field: 'contact',
      kind: 'email',
      value: 'erin@example.com',
    });
    expect(await vault().detokenize({ token: pan, consumer: 'support', policy: 'mask' })).toEqual({
      value: '411111******1111',
    });
    expect(await vault().detokenize({ token: email, consumer: 'support', policy: 'mask' })).toEqual({
      value: 'e***@example.com',
    });
    expect(await vault().detokenize({ token: email, consumer: 'analytics', policy: 'redact' })).toEqual({
      value: null,
      redacted: true,
    });
    expect((await vault().revealsOf(email)).map((r) => [r.consumer, r.policy])).toEqual([
      ['support', 'mask'],
      ['analytics', 'redact'],
    ]);
  });

  it('says TOKEN_NOT_FOUND for a token it never made', async () => {
    await expect(vault().detokenize({ token: 'tok_nope', consumer: 'c', policy: 'reveal' })).rejects.toThrow(
      rejection('TOKEN_NOT_FOUND'),
    );
  });

  it('crypto-shreds a subject: its tokens then say SUBJECT_ERASED, and other subjects are untouched', async () => {
    const gone = await vault().tokenize({
      subjectId: 'customer-7',
      field: 'name',
      kind: 'pii',
      value: 'Frank',
    });
    const kept = await vault().tokenize({
      subjectId: 'customer-8',
      field: 'name',
      kind: 'pii',
      value: 'Grace',
    });
    expect(await vault().eraseSubject('customer-7')).toBe(true);
    expect(await vault().eraseSubject('customer-7')).toBe(false);
    for (const policy of ['reveal', 'mask', 'redact'] as const)
      await expect(vault().detokenize({ token: gone, consumer: 'c', policy })).rejects.toThrow(
        rejection('SUBJECT_ERASED'),
      );
    const [row] = await opened.db.query<{ ciphertext: unknown }>(
      'select ciphertext from omnistream.tokens where token = $1',
      [gone],
    );
    expect(row?.ciphertext).toBeNull();
    expect(await vault().detokenize({ token: kept, consumer: 'c', policy: 'reveal' })).toEqual({
      value: 'Grace',
    });
  });

  it('brings an erased deterministic token back only when the value is tokenized again, under a new key', async () => {
    const request = {
      subjectId: 'customer-9',
      field: 'customer.email',
      kind: 'email',
      value: 'heidi@example.com',
    } as const;
    const token = await vault().tokenize(request);
    await vault().eraseSubject('customer-9');
    await expect(vault().detokenize({ token, consumer: 'c', policy: 'reveal' })).rejects.toThrow(
      rejection('SUBJECT_ERASED'),
    );
    expect(await vault().tokenize({ ...request, subjectId: 'customer-10' })).toBe(token);
    expect(await vault().detokenize({ token, consumer: 'c', policy: 'reveal' })).toEqual({
      value: request.value,
    });
  });

  it('cannot reveal under a wrong master key: a clear error, not a crash', async () => {
    const token = await vault().tokenize({
      subjectId: 'customer-11',
      field: 'name',
      kind: 'pii',
      value: 'Ivan',
    });
    const wrong = createTokenVault({ db: opened.db, masterKeyHex: randomBytes(32).toString('hex') });
    await expect(wrong.detokenize({ token, consumer: 'c', policy: 'reveal' })).rejects.toThrow(
      rejection('TOKEN_VAULT_KEY_MISMATCH'),
    );
    await expect(
      wrong.tokenize({ subjectId: 'customer-11', field: 'name', kind: 'pii', value: 'x' }),
    ).rejects.toThrow(rejection('TOKEN_VAULT_KEY_MISMATCH'));
    expect(await wrong.revealsOf(token)).toEqual([]);
  });

  it('tokenizes many records in one call: each value recoverable, a repeated deterministic value one token, all-or-nothing per call', async () => {
    const v = vault();
    const located = (subjectId: string, email: string, name: string) => ({
      subjectId,
      value: { customer: { email, name }, amount: 5 },
      locations: [
        { path: ['customer', 'email'], kind: 'email', value: email },
        { path: ['customer', 'name'], kind: 'pii', value: name },
      ] as const,
    });
    const records = [
      located('batch-1', 'dora@example.com', 'Dora'),
      located('batch-2', 'dora@example.com', 'Dora'),
      located('batch-1', 'ed@example.com', 'Ed'),
      { subjectId: 'batch-3', value: { amount: 1 }, locations: [] },
    ];
    const out = (await v.tokenizeMany(records)) as {
      customer?: { email: string; name: string };
      amount: number;
    }[];
    expect(out[3]).toEqual({ amount: 1 });
    const [a, b, c] = [out[0]!.customer!, out[1]!.customer!, out[2]!.customer!];
    expect(a.email).toBe(b.email); // deterministic field: one token for one value, across subjects
    expect(a.email).toBe(
      await v.tokenize({ subjectId: 'x', field: 'customer.email', kind: 'email', value: 'dora@example.com' }),
    );
    expect(a.name).not.toBe(b.name); // random tokens
    expect(c.email).not.toBe(a.email);
    const reveal = (token: string) => v.detokenize({ token, consumer: 'test', policy: 'reveal' });
    expect(await reveal(a.name)).toEqual({ value: 'Dora' });
    expect(await reveal(c.email)).toEqual({ value: 'ed@example.com' });
    expect(await reveal(c.name)).toEqual({ value: 'Ed' });
    expect(JSON.stringify(out)).not.toContain('Dora');
    expect(JSON.stringify(records[0]!.value)).toContain('Dora'); // the input is left as it was
    await v.eraseSubject('batch-1');
    await expect(reveal(c.name)).rejects.toEqual(rejection('SUBJECT_ERASED'));
    expect(await reveal(b.name)).toEqual({ value: 'Dora' });
  });

  it('refuses a master key that is not 64 hex characters', () => {
    expect(() => createTokenVault({ db: opened.db, masterKeyHex: 'abc' })).toThrow(
      rejection('INVALID_MASTER_KEY'),
    );
  });

  it('tokenizes every sensitive field of a record, in a copy, and lists their paths', async () => {
    const schema = {
      type: 'object',
      properties: {
        orderId: { type: 'string' },
        customer: {
          type: 'object',
          properties: {
            email: { type: 'string', 'x-omnistream-sensitive': 'email' },
            name: { type: 'string', 'x-omnistream-sensitive': 'pii' },
          },
        },
        payments: {
          type: 'array',
          items: { type: 'object', properties: { pan: { type: 'string', 'x-omnistream-sensitive': 'pan' } } },
        },
      },
    };
    const record = {
      orderId: 'order-1',
      customer: { email: 'judy@example.com', name: 'Judy' },
      payments: [{ pan: PAN }, { pan: '5555555555554444' }],
    };
    const out = await vault().tokenizeRecord(schema, record, 'customer-12');
    expect(out.tokenized).toEqual([
      '$.customer.email',
      '$.customer.name',
      '$.payments[0].pan',
      '$.payments[1].pan',
    ]);
    const copy = out.value as typeof record;
    expect(copy.orderId).toBe('order-1');
    expect(record.customer.email).toBe('judy@example.com');
    expect(copy.customer.email).toMatch(/^tok_/);
    expect(copy.payments[1]?.pan).toMatch(/^555555\d{6}4444$/);
    // customer.email is deterministic: the same token as tokenizing the field directly.
    expect(
      await vault().tokenize({
        subjectId: 'customer-12',
        field: 'customer.email',
        kind: 'email',
        value: 'judy@example.com',
      }),
    ).toBe(copy.customer.email);
    const revealed = await vault().detokenize({
      token: copy.payments[0]?.pan ?? '',
      consumer: 'c',
      policy: 'reveal',
    });
    expect(revealed).toEqual({ value: PAN });
  });
});
