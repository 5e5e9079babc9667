import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { openPgliteDatabase } from './pglite-database.js';

/**
 * The adapter sends each statement as one protocol exchange and remembers statement descriptions; what it returns
 * must be what PGlite's own `query` returns for the same statement, and a remembered description must never
 * outlive the schema it described.
 */
describe('the PGlite adapter', () => {
  let db: Database;
  let reference: PGlite;

  beforeAll(async () => {
    db = await openPgliteDatabase();
    reference = await PGlite.create();
    const ddl = `create table kinds (
        id int primary key, big bigint, flag boolean, doc jsonb, raw bytea, at timestamptz, tags text[],
        nums int[], price numeric, label text)`;
    await db.query(ddl);
    await reference.query(ddl);
  });
  afterAll(async () => {
    await db.close();
    await reference.close();
  });

  const INSERT =
    'insert into kinds values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id, big, flag, doc, raw, at, tags, nums, price, label';
  const PARAMS = [
    1,
    '9007199254740993',
    true,
    { a: [1, 'two', null], b: { c: 'quote " and \\ backslash' } },
    new Uint8Array([0, 1, 254, 255]),
    new Date('2026-11-22T10:11:12.345Z'),
    ['a', 'b c', 'quote "'],
    [1, 2, 3],
    '12.50',
    null,
  ];

  it('serialises parameters and parses every column as PGlite query does, as objects and as arrays', async () => {
    const ours = await db.query(INSERT, PARAMS);
    const theirs = (await reference.query(INSERT, PARAMS)).rows;
    expect(ours).toEqual(theirs);
    expect(ours[0]).toMatchObject({ id: 1, flag: true, label: null, tags: ['a', 'b c', 'quote "'] });
    const values = await db.queryValues('select id, doc, raw from kinds where id = $1', [1]);
    expect(values).toEqual([[1, PARAMS[3], new Uint8Array([0, 1, 254, 255])]]);
  });

  it('answers several rows, no rows, and statements that return none', async () => {
    await db.query('insert into kinds (id) select g from generate_series(2, 5) as g');
    expect(await db.queryValues('select id from kinds where id >= $1 order by id', [2])).toEqual([
      [2],
      [3],
      [4],
      [5],
    ]);
    expect(await db.query('select id from kinds where id = $1', [99])).toEqual([]);
    expect(await db.query('update kinds set label = $1 where id = $2', ['x', 2])).toEqual([]);
  });

  it('sees a column added after a statement was first described, and a changed type', async () => {
    const before = await db.query('select * from kinds where id = $1', [2]);
    expect(Object.keys(before[0] ?? {})).not.toContain('extra');
    await db.query('alter table kinds add column extra int default 7');
    expect(await db.query('select * from kinds where id = $1', [2])).toEqual([
      expect.objectContaining({ id: 2, label: 'x', extra: 7 }),
    ]);
    expect(await db.queryValues('select extra from kinds where id = $1', [2])).toEqual([[7]]);
    await db.query('alter table kinds alter column extra type text');
    expect(await db.queryValues('select extra from kinds where id = $1', [2])).toEqual([['7']]);
  });

  it('prepares again, and runs again outside a transaction, a statement whose table changed out of its sight', async () => {
    await db.query(`create function widen() returns void language plpgsql as $$
      begin alter table kinds add column wider int default 8; end $$`);
    expect(await db.queryValues('select * from kinds where id = $1', [3])).toHaveLength(1);
    await db.query('select widen()'); // a SELECT: its tag does not reveal the DDL it ran
    const [row] = await db.queryValues('select * from kinds where id = $1', [3]);
    expect(row?.at(-1)).toBe(8);
  });

  it('holds a bounded number of prepared statements, letting the least recently used go', async () => {
    for (let index = 0; index < 1_100; index += 1)
      expect(await db.queryValues(`select $1::int + ${index}`, [1])).toEqual([[1 + index]]);
    const [[held]] = (await db.queryValues('select count(*)::int from pg_prepared_statements')) as [[number]];
    expect(held).toBeLessThanOrEqual(1_000);
    expect(held).toBeGreaterThan(900);
  });

  it('keeps the error PostgreSQL sent, code included, and works on afterwards', async () => {
    await expect(db.query('insert into kinds (id) values ($1)', [1])).rejects.toMatchObject({
      code: '23505',
      constraint: 'kinds_pkey',
    });
    await expect(db.query('select nope from kinds')).rejects.toMatchObject({ code: '42703' });
    expect(await db.queryValues('select count(*)::int from kinds')).toEqual([[5]]);
  });

  it('commits a transaction, rolls back a failed one, and refuses statements after it ended', async () => {
    let escaped: Parameters<Parameters<Database['transaction']>[0]>[0] | undefined;
    await db.transaction(async (tx) => {
      escaped = tx;
      await tx.query('insert into kinds (id) values ($1)', [10]);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into kinds (id) values ($1)', [11]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.queryValues('select id from kinds where id >= 10 order by id')).toEqual([[10]]);
    await expect(escaped?.query('select 1')).rejects.toThrow(/transaction has ended/);
  });

  it('refuses statements once closed', async () => {
    const closing = await openPgliteDatabase();
    await closing.close();
    await expect(closing.query('select 1')).rejects.toThrow(/closed/);
  });
});
