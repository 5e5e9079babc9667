import { createSessionLock, type Database, type SessionLock } from '@omnistream/event-store';

/** Advisory lock class of bus group members (see the event store's session-lock.ts for every class in use). */
const GROUP_LOCK_CLASS = 1875;

export type GroupLock = SessionLock;

/**
 * One active member per group and topic (DESIGN.md: consumer groups): a session lock, released by the server when
 * the member's process dies, so a standby takes over. The offsets' compare-and-set is the safety net for overlaps.
 */
export const createGroupLock = (db: Database, group: string, topic: string): GroupLock =>
  createSessionLock(db, GROUP_LOCK_CLASS, `${group}\u001f${topic}`); // text cannot hold NUL
