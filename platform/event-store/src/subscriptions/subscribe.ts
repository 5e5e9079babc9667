import type { EventEnvelope } from '@omnistream/kernel';
import type { Sql } from '../database/database.js';
import type { EventStore } from '../event-store.js';
import { compareFeedPositions, FEED_START, type FeedPosition } from '../feed.js';
import { createSessionLock, SUBSCRIPTION_LOCK_CLASS } from './session-lock.js';
import { CheckpointMoved, feedHead, loadCheckpoint, saveCheckpoint } from './checkpoint.js';

/**
 * Work a delivered batch leaves to commit with the checkpoint (dead letters of events it could not deliver, say);
 * undefined when there is none.
 */
export type CommitWithCheckpoint = ((tx: Sql) => Promise<void>) | undefined;

/** Everything but what a subscription does with its batches. */
export interface SubscriptionSettings {
  /** Unique and stable: the checkpoint is stored under it. */
  readonly name: string;
  /** Events not matching are skipped (the checkpoint still moves past them). */
  readonly filter?: (event: EventEnvelope) => boolean;
  /**
   * Work on a batch that needs no transaction (encoding, lookups), done before `handle`. On PostgreSQL the next
   * page is read and prepared while the current one is being handled, so a subscriber that waits on something
   * else (the outbox relay on Kafka's acknowledgements) does not wait for the database in turn.
   */
  readonly prepare?: (events: readonly EventEnvelope[]) => Promise<void>;
  /** Where a new subscription starts: the first event, or the end of the feed. */
  readonly startFrom?: 'beginning' | 'end';
  readonly batchSize?: number;
  /** Fallback when no wake-up arrives: LISTEN/NOTIFY or an in-process signal usually wakes it at once. */
  readonly pollIntervalMs?: number;
  /** How often a standby instance checks whether the active one is gone. */
  readonly standbyIntervalMs?: number;
  readonly retry?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  /** Called for each failed attempt; the batch is retried with backoff until it succeeds or the subscription stops. */
  readonly onError?: (error: unknown, attempt: number) => void;
}

/**
 * Either `handle`: applies a batch in the transaction that also moves the checkpoint past it (exactly once).
 *
 * Or `deliver`: hands a batch to something outside the database (a Kafka topic) before the checkpoint moves, at
 * least once: a crash or a failure between the two delivers the batch again. Without a transaction held open while
 * it waits, the checkpoint moves in one statement, or in one transaction with the work `deliver` returns.
 */
export type SubscriptionOptions = SubscriptionSettings &
  (
    | {
        readonly handle: (events: readonly EventEnvelope[], tx: Sql) => Promise<void>;
        readonly deliver?: never;
      }
    | {
        readonly deliver: (events: readonly EventEnvelope[]) => Promise<CommitWithCheckpoint>;
        readonly handle?: never;
      }
  );

export interface SubscriptionStatus {
  readonly name: string;
  readonly state: 'starting' | 'standby' | 'active' | 'stopped';
  readonly position: FeedPosition;
  readonly failedAttempts: number;
}

export interface Subscription {
  readonly name: string;
  status(): SubscriptionStatus;
  /** Resolves once the subscription has applied (or filtered out) every event committed before this call. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number, wake: Promise<void>) =>
  Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms).unref()), wake]);

/**
 * A durable, exactly-once feed subscriber (DESIGN.md "Subscriptions"): reads the global feed in order from its
 * checkpoint and applies each batch and the new checkpoint in one transaction, so a crash between the two cannot
 * happen. The checkpoint moves by compare-and-set, so even two instances running at once apply nothing twice.
 */
export const subscribe = (store: EventStore, options: SubscriptionOptions): Subscription => {
  const db = store.database;
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const standbyIntervalMs = options.standbyIntervalMs ?? 1000;
  const initialDelayMs = options.retry?.initialDelayMs ?? 100;
  const maxDelayMs = options.retry?.maxDelayMs ?? 30_000;
  const lock = createSessionLock(db, SUBSCRIPTION_LOCK_CLASS, options.name);

  let state: SubscriptionStatus['state'] = 'starting';
  let position: FeedPosition = FEED_START;
  let failedAttempts = 0;
  let stopped = false;
  let wake: () => void = () => {};
  let woken = new Promise<void>((resolve) => (wake = resolve));
  const rearm = () => {
    woken = new Promise<void>((resolve) => (wake = resolve));
  };
  let wokenSinceRead = true;
  let emptyReads = 0;
  const unsubscribe = store.onCommitted(() => {
    wokenSinceRead = true;
    emptyReads = 0;
    wake();
  });
  const waiters: { head: FeedPosition; resolve: () => void; reject: (error: Error) => void }[] = [];
  const resolveWaiters = () => {
    if (state !== 'active') return;
    for (let i = waiters.length - 1; i >= 0; i -= 1) {
      const waiter = waiters[i] as (typeof waiters)[number];
      if (compareFeedPositions(position, waiter.head) >= 0) {
        waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  };

  // Read-ahead needs a second connection: PGlite has one, where it would only queue behind the handler.
  const readAhead = db.concurrentTransactions;
  interface Batch {
    readonly from: FeedPosition;
    readonly page: Awaited<ReturnType<EventStore['readFeed']>>;
    readonly events: readonly EventEnvelope[];
  }
  const readBatch = async (from: FeedPosition): Promise<Batch> => {
    const page = await store.readFeed(from, { limit: batchSize });
    const events = options.filter === undefined ? page.events : page.events.filter(options.filter);
    if (events.length > 0 && options.prepare !== undefined) await options.prepare(events);
    return { from, page, events };
  };
  let ahead: Promise<Batch> | undefined;
  const takeAhead = (): Promise<Batch> | undefined => {
    const taken = ahead;
    ahead = undefined;
    return taken;
  };

  let lockCheckedAt = Date.now();
  const run = async (): Promise<void> => {
    while (!stopped) {
      try {
        if (state !== 'active') {
          if (!(await lock.tryAcquire())) {
            state = 'standby';
            await sleep(standbyIntervalMs, woken);
            rearm();
            continue;
          }
          position = await loadCheckpoint(db, options.name, options.startFrom ?? 'beginning');
          state = 'active';
          resolveWaiters();
        }
        if (Date.now() - lockCheckedAt >= standbyIntervalMs) {
          lockCheckedAt = Date.now();
          if (!(await lock.stillHeld())) {
            state = 'starting'; // the lock went with a cut connection: take it again, or stand by
            continue;
          }
        }
        wokenSinceRead = false;
        let batch = await (takeAhead() ?? readBatch(position));
        // A read-ahead from before a checkpoint reload starts elsewhere: read again from where we are.
        if (compareFeedPositions(batch.from, position) !== 0) batch = await readBatch(position);
        const { page, events } = batch;
        if (page.events.length === 0) {
          resolveWaiters();
          if (!wokenSinceRead) {
            // A wake-up with nothing visible means an older transaction still holds the feed back: look again soon.
            emptyReads += 1;
            await sleep(Math.min(pollIntervalMs, 2 ** Math.min(emptyReads, 10)), woken);
            rearm();
          }
          continue;
        }
        emptyReads = 0;
        if (readAhead && page.events.length === batchSize) {
          const next = readBatch(page.position);
          next.catch(() => {}); // a failed read-ahead is read again, and fails where it is awaited
          ahead = next;
        }
        if (options.deliver === undefined)
          await store.transaction(async (tx) => {
            if (events.length > 0) await options.handle(events, tx);
            await saveCheckpoint(tx, options.name, position, page.position);
          });
        else {
          const commit = events.length > 0 ? await options.deliver(events) : undefined;
          if (commit === undefined) await saveCheckpoint(db, options.name, position, page.position);
          else
            await store.transaction(async (tx) => {
              await commit(tx);
              await saveCheckpoint(tx, options.name, position, page.position);
            });
        }
        position = page.position;
        failedAttempts = 0;
        resolveWaiters();
      } catch (error) {
        ahead = undefined; // read from wherever the next attempt starts
        if (error instanceof CheckpointMoved) {
          state = 'starting'; // another instance moved on: reload the checkpoint
          continue;
        }
        failedAttempts += 1;
        lockCheckedAt = 0; // a failure may have been a cut connection: check the lock before the next batch
        options.onError?.(error, failedAttempts);
        const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** (failedAttempts - 1));
        await sleep(delay * (0.5 + Math.random() / 2), woken); // jitter: instances do not retry in lockstep
        rearm();
      }
    }
  };

  const running = run().finally(async () => {
    state = 'stopped';
    for (const waiter of waiters.splice(0))
      waiter.reject(new Error(`subscription ${options.name} stopped before catching up`));
    unsubscribe();
    await lock.release();
  });

  return {
    name: options.name,
    status: () => ({ name: options.name, state, position, failedAttempts }),
    caughtUp: async () => {
      if (stopped) throw new Error(`subscription ${options.name} is stopped`);
      // Everything committed now, whatever older transaction may still hold the feed back.
      const head = await feedHead(db);
      await new Promise<void>((resolve, reject) => {
        waiters.push({ head, resolve, reject });
        resolveWaiters();
        wake();
      });
    },
    stop: async () => {
      stopped = true;
      wake();
      await running;
    },
  };
};
