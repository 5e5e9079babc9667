import type { Database, Sql } from '../database/database.js';

/** A transaction held open until the test says commit: for reproducing slow and out-of-order commits. */
export const openTransaction = async (db: Database): Promise<{ tx: Sql; commit: () => Promise<void> }> => {
  let release: () => void = () => {};
  const decided = new Promise<void>((resolve) => (release = resolve));
  let ready: (tx: Sql) => void = () => {};
  const opened = new Promise<Sql>((resolve) => (ready = resolve));
  const done = db.transaction(async (tx) => {
    ready(tx);
    await decided;
  });
  const tx = await Promise.race([
    opened,
    done.then(() => Promise.reject(new Error('transaction ended before it opened'))),
  ]);
  return {
    tx,
    commit: async () => {
      release();
      await done;
    },
  };
};
