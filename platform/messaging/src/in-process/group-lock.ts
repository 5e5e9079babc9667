import type { Database, Session } from '@omnistream/event-store';

export interface GroupLock {
  tryAcquire(): Promise<boolean>;
  /** False when the lock went with a cut connection; the holder stops and acquires it again. */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

const embeddedHolders = new WeakMap<Database, Set<string>>();
const LOCK_CLASS = 1873;

/**
 * One active member per group and topic (DESIGN.md: consumer groups). On PostgreSQL, a session-level advisory lock
 * on a connection of its own, released by the server when the member's process dies, so a standby takes over. On
 * PGlite (one process) a registry per database. The offsets' compare-and-set is the safety net for overlaps.
 */
export const createGroupLock = (db: Database, group: string, topic: string): GroupLock => {
  const name = `${group}\u001f${topic}`; // text cannot hold NUL
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
          `select pg_try_advisory_lock(${LOCK_CLASS}, hashtext($1)) as locked`,
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
                          and classid = ${LOCK_CLASS} and objid = hashtext($1)::oid and objsubid = 2 and granted) as held`,
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
        await held.query(`select pg_advisory_unlock(${LOCK_CLASS}, hashtext($1))`, [name]);
      } finally {
        await held.release();
      }
    },
  };
};
