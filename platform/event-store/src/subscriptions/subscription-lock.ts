import type { Database, Session } from '../database/database.js';

export interface SubscriptionLock {
  tryAcquire(): Promise<boolean>;
  release(): Promise<void>;
}

/** PGlite is one process with one connection: a registry per database is the whole truth. */
const embeddedHolders = new WeakMap<Database, Set<string>>();

/**
 * Keeps one instance of a subscription active at a time (DESIGN.md). On PostgreSQL, a session-level advisory
 * lock on a dedicated connection: it is released when the holder's process dies, so a standby takes over.
 * The checkpoint's compare-and-set remains the safety net should two instances ever overlap.
 */
export const createSubscriptionLock = (db: Database, name: string): SubscriptionLock => {
  if (db.kind === 'pglite') {
    const holders = embeddedHolders.get(db) ?? new Set<string>();
    embeddedHolders.set(db, holders);
    let held = false;
    return {
      tryAcquire: () => {
        if (!held && !holders.has(name)) {
          holders.add(name);
          held = true;
        }
        return Promise.resolve(held);
      },
      release: () => {
        if (held) holders.delete(name);
        held = false;
        return Promise.resolve();
      },
    };
  }
  let session: Session | undefined;
  return {
    tryAcquire: async () => {
      if (session !== undefined) return true;
      const candidate = await db.session();
      try {
        const [row] = await candidate.query<{ locked: boolean }>(
          'select pg_try_advisory_lock(1870, hashtext($1)) as locked',
          [name],
        );
        if (row?.locked === true) {
          session = candidate;
          return true;
        }
      } catch (error) {
        await candidate.release();
        throw error;
      }
      await candidate.release();
      return false;
    },
    release: async () => {
      const held = session;
      session = undefined;
      if (held === undefined) return;
      try {
        await held.query('select pg_advisory_unlock(1870, hashtext($1))', [name]);
      } finally {
        await held.release();
      }
    },
  };
};
