import type { Database, Session } from '../database/database.js';

export interface SubscriptionLock {
  tryAcquire(): Promise<boolean>;
  /** False when the lock was lost (its connection was cut and replaced); the holder must acquire it again. */
  stillHeld(): Promise<boolean>;
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
      stillHeld: () => Promise.resolve(held),
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
    stillHeld: async () => {
      if (session === undefined) return false;
      const [row] = await session.query<{ held: boolean }>(
        `select exists (select 1 from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()
                          and classid = 1870 and objid = hashtext($1)::oid and objsubid = 2 and granted) as held`,
        [name],
      );
      if (row?.held === true) return true;
      const lost = session;
      session = undefined;
      await lost.release();
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
