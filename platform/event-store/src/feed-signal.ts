import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Database, Unlisten } from './database/database.js';

const CHANNEL = 'omnistream_feed';
/** Cross-process wake-ups are coalesced: at most one NOTIFY per window, so a busy writer does not pay one per batch. */
const NOTIFY_WINDOW_MS = 5;

/**
 * Tells feed readers that something committed. In-process listeners hear it at once; other processes hear it
 * through LISTEN/NOTIFY on PostgreSQL. It is only a hint: readers also poll, so a lost signal delays, never loses.
 */
export const createFeedSignal = (db: Database) => {
  const emitter = new EventEmitter().setMaxListeners(0);
  const origin = randomUUID();
  let unlisten: Promise<Unlisten | undefined> | undefined;
  let windowOpen = false;
  let missed = false;

  const notifyOthers = (): void => {
    if (db.kind !== 'postgres') return; // PGlite lives in this process only
    if (windowOpen) {
      missed = true;
      return;
    }
    windowOpen = true;
    db.query('select pg_notify($1, $2)', [CHANNEL, origin]).catch(() => {});
    setTimeout(() => {
      windowOpen = false;
      if (missed) {
        missed = false;
        notifyOthers();
      }
    }, NOTIFY_WINDOW_MS).unref();
  };

  return {
    committed: (): void => {
      emitter.emit('committed');
      notifyOthers();
    },
    subscribe: (listener: () => void): (() => void) => {
      if (db.kind === 'postgres' && unlisten === undefined)
        unlisten = db
          .listen(CHANNEL, (payload) => {
            if (payload !== origin) emitter.emit('committed');
          })
          .catch(() => undefined); // polling still finds every event
      emitter.on('committed', listener);
      return () => emitter.off('committed', listener);
    },
    close: async (): Promise<void> => {
      const stop = await unlisten;
      unlisten = undefined;
      await stop?.();
    },
  };
};
