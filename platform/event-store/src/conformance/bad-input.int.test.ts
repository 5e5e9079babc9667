import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, isDomainError, type NewEvent } from '@omnistream/kernel';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createEventStore, type EventStore } from '../index.js';

const cyclic: Record<string, unknown> = {};
cyclic.self = cyclic;

describe.each(testDatabases())('bad input on $name', (target) => {
  let opened: OpenedTestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    opened = await target.open();
    // Stands in for the schema registry's validator: refuses a 'Priced' event without an integer amount.
    const validate = (streamId: string, events: readonly NewEvent[]) => {
      for (const [index, event] of events.entries())
        if (event.type === 'Priced' && !Number.isInteger((event.data as { amount?: unknown }).amount))
          throw new DomainError(
            'SCHEMA_VALIDATION_FAILED',
            `${streamId} event ${index}: /amount must be an integer`,
          );
    };
    store = createEventStore(opened.db, { limits: { maxEventBytes: 10_000 }, validate });
  });
  afterAll(async () => {
    await store.close();
    await opened.close();
  });

  const ok = { type: 'Ok', data: { fine: true } };
  const cases: [string, () => Promise<unknown>, string][] = [
    ['an empty batch', () => store.append('order-1', []), 'EMPTY_APPEND'],
    ['a batch that is not an array', () => store.append('order-1', 'nope' as never), 'EMPTY_APPEND'],
    ['a stream id without a category', () => store.append('1234', [ok]), 'INVALID_STREAM_ID'],
    ['a stream id with spaces', () => store.append('order-12 34', [ok]), 'INVALID_STREAM_ID'],
    ['an empty stream id', () => store.append('', [ok]), 'INVALID_STREAM_ID'],
    ['a stream id that is not a string', () => store.append(42 as never, [ok]), 'INVALID_STREAM_ID'],
    [
      'a stream id that is too long',
      () => store.append(`order-${'x'.repeat(300)}`, [ok]),
      'INVALID_STREAM_ID',
    ],
    [
      'a BigInt in data',
      () => store.append('order-1', [ok, { type: 'Bad', data: { amount: 10n } }]),
      'EVENT_NOT_SERIALIZABLE',
    ],
    [
      'a cyclic object',
      () => store.append('order-1', [ok, { type: 'Bad', data: cyclic }]),
      'EVENT_NOT_SERIALIZABLE',
    ],
    [
      'NaN in data',
      () => store.append('order-1', [ok, { type: 'Bad', data: { x: Number.NaN } }]),
      'EVENT_NOT_SERIALIZABLE',
    ],
    [
      'a function in data',
      () => store.append('order-1', [ok, { type: 'Bad', data: { f: () => 1 } }]),
      'EVENT_NOT_SERIALIZABLE',
    ],
    [
      'a NUL character, which jsonb cannot store',
      () => store.append('order-1', [ok, { type: 'Bad', data: { s: 'a\u0000b' } }]),
      'EVENT_NOT_SERIALIZABLE',
    ],
    [
      'undefined data',
      () => store.append('order-1', [ok, { type: 'Bad', data: undefined }]),
      'INVALID_EVENT',
    ],
    [
      'an oversize event',
      () => store.append('order-1', [ok, { type: 'Big', data: { blob: 'x'.repeat(20_000) } }]),
      'EVENT_TOO_LARGE',
    ],
    ['a missing type', () => store.append('order-1', [ok, { data: {} } as never]), 'INVALID_EVENT'],
    ['an id that is not a UUID', () => store.append('order-1', [{ ...ok, id: 'abc' }]), 'INVALID_EVENT'],
    [
      'one id twice in a batch',
      () =>
        store.append('order-1', [
          { ...ok, id: '01890a5d-ac96-774b-bcce-b302099a8057' },
          { ...ok, id: '01890a5d-ac96-774b-bcce-b302099a8057' },
        ]),
      'INVALID_EVENT',
    ],
    [
      'metadata that is not an object',
      () => store.append('order-1', [{ ...ok, metadata: [] as never }]),
      'INVALID_EVENT',
    ],
    [
      'expected version "latest"',
      () => store.append('order-1', [ok], { expectedVersion: 'latest' as never }),
      'INVALID_EXPECTED_VERSION',
    ],
    [
      'expected version -1',
      () => store.append('order-1', [ok], { expectedVersion: -1 }),
      'INVALID_EXPECTED_VERSION',
    ],
    [
      'expected version 1.5',
      () => store.append('order-1', [ok], { expectedVersion: 1.5 }),
      'INVALID_EXPECTED_VERSION',
    ],
    [
      'expected version as a string number',
      () => store.append('order-1', [ok], { expectedVersion: '3' as never }),
      'INVALID_EXPECTED_VERSION',
    ],
    [
      'an event the validator refuses, with valid ones before it',
      () => store.append('order-1', [ok, { type: 'Priced', data: { amount: 'ten' } }]),
      'SCHEMA_VALIDATION_FAILED',
    ],
    [
      'a multi-stream append with one event the validator refuses',
      () =>
        store.appendMany([
          { streamId: 'order-2', events: [ok] },
          { streamId: 'order-3', events: [{ type: 'Priced', data: { amount: 1.5 } }] },
        ]),
      'SCHEMA_VALIDATION_FAILED',
    ],
    ['an empty multi-stream append', () => store.appendMany([]), 'EMPTY_APPEND'],
    [
      'a multi-stream append with one bad stream id',
      () =>
        store.appendMany([
          { streamId: 'order-2', events: [ok] },
          { streamId: 'bad id', events: [ok] },
        ]),
      'INVALID_STREAM_ID',
    ],
  ];

  it.each(cases)('rejects %s with a clear error and writes nothing', async (_what, attempt, code) => {
    let caught: unknown;
    try {
      await attempt();
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught, code), `expected ${code}, got ${String(caught)}`).toBe(true);
    expect((caught as Error).message.length).toBeGreaterThan(10);
    const [counts] = await opened.db.query<{ events: number; streams: number }>(
      'select (select count(*)::int from omnistream.events) as events, (select count(distinct stream_id)::int from omnistream.events) as streams',
    );
    expect(counts).toEqual({ events: 0, streams: 0 });
  });

  it('refuses to append after another write in the same transaction, which would break feed order', async () => {
    let caught: unknown;
    try {
      await store.transaction(async (tx) => {
        await tx.query(`insert into omnistream.subscriptions (name) values ('x')`);
        await store.appendInTransaction(tx, [{ streamId: 'order-3', events: [ok] }]);
      });
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught, 'APPEND_NOT_FIRST_WRITE')).toBe(true);
    const rows = await opened.db.query('select 1 from omnistream.subscriptions');
    expect(rows).toHaveLength(0);
  });
});
