import { PGlite } from '@electric-sql/pglite';
import type { Database, Session, Sql } from './database.js';

export interface PgliteOptions {
  /** Folder for the data files; absent keeps everything in memory (tests). */
  readonly dataDir?: string;
}

/**
 * Embedded PostgreSQL (WASM) in this process. One connection: transactions are serialised by PGlite's own
 * mutex, which is what makes the embedded shape simple and still correct.
 */
export const openPgliteDatabase = async (options: PgliteOptions = {}): Promise<Database> => {
  const db = options.dataDir === undefined ? await PGlite.create() : await PGlite.create(options.dataDir);
  const query = async <Row extends object>(
    runner: Pick<PGlite, 'query'>,
    text: string,
    params?: readonly unknown[],
  ) => (await runner.query<Row>(text, params === undefined ? undefined : [...params])).rows;
  const values = async (runner: Pick<PGlite, 'query'>, text: string, params?: readonly unknown[]) =>
    (
      await runner.query<unknown[]>(text, params === undefined ? undefined : [...params], {
        rowMode: 'array',
      })
    ).rows;
  const over = (runner: Pick<PGlite, 'query'>): Sql => ({
    query: (text, params) => query(runner, text, params),
    queryValues: (text, params) => values(runner, text, params),
  });
  const sql = over(db);
  const session: Session = { ...sql, release: async () => {} };
  return {
    kind: 'pglite',
    concurrentTransactions: false,
    maxConnections: 1,
    ...sql,
    transaction: (work) => db.transaction((tx) => work(over(tx))),
    session: () => Promise.resolve(session),
    listen: async (channel, onNotify) => {
      const unlisten = await db.listen(channel, onNotify);
      return () => unlisten();
    },
    close: () => db.close(),
  };
};
