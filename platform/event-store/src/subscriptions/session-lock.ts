import type { Database, Session } from '../database/database.js';

export interface SessionLock {
  tryAcquire(): Promise<boolean>;
  /** False when the lock was lost (its connection was cut and replaced); the holder must acquire it again. */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

/** PGlite is one process with one connection: a registry per database is the whole truth. */
const embeddedHolders = new WeakMap<Database, Set<string>>();

/**
 * Advisory lock classes, the first key of PostgreSQL's two-key advisory locks, so that no two uses share one:
 * 1868 migrations, 1869 streams, 1870 subscriptions, 1871 inline projection hooks, 1872 the projection registry,
 * 1873 saga streams, 1874 consumer keys, 1875 bus group members, 1880 schema registry subjects.
 */
export const SUBSCRIPTION_LOCK_CLASS = 1870;

/**
 * One holder at a time of `name` in lock class `classId`, held for as long as the holder runs: one active instance of
 * a subscription (DESIGN.md), one active member of a bus group. On PostgreSQL, a session-level advisory lock on a
 * connection of its own: the server releases it when the holder's process dies, so a standby takes over. Its users
 * keep a compare-and-set as the safety net should two holders ever overlap.
 */
export const createSessionLock = (db: Database, classId: number, name: string): SessionLock => {
  if (db.kind === 'pglite') {
    const key = `${classId}:${name}`;
    const holders = embeddedHolders.get(db) ?? new Set<string>();
    embeddedHolders.set(db, holders);
    let held = false;
    return {
      tryAcquire: () => {
        if (!held && !holders.has(key)) {
          holders.add(key);
          held = true;
        }
        return Promise.resolve(held);
      },
      stillHeld: () => Promise.resolve(held),
      release: () => {
        if (held) holders.delete(key);
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
          'select pg_try_advisory_lock($1::int, hashtext($2)) as locked',
          [classId, name],
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
                          and classid = $1::int::oid and objid = hashtext($2)::oid and objsubid = 2 and granted) as held`,
        [classId, name],
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
      // Unlocking is a courtesy to a standby: ending the session below releases the lock anyway. A session the
      // server has already ended (a restart, a killed backend) fails the unlock, and must not fail the release.
      await held
        .query('select pg_advisory_unlock($1::int, hashtext($2))', [classId, name])
        .catch(() => undefined);
      await held.release();
    },
  };
};
