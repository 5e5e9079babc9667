import type { EventEnvelope, NewEvent } from '@omnistream/kernel';
import { DomainError, isDomainError } from '@omnistream/kernel';
import { translateAppendError } from './append-errors.js';
import type { AppendResult } from './append-result.js';
import { toAppendResult, writeAppends, type AppendBatchRow } from './append-batch-result.js';
import type { Database, Sql } from './database/database.js';
import { STREAM_EVENT_COLUMNS, toEnvelope } from './event-row.js';
import type { ExpectedVersion } from './expected-version.js';
import { createFeedSignal } from './feed-signal.js';
import { readFeed, readFeedHead, type FeedPage, type FeedPosition, type ReadFeedOptions } from './feed.js';
import { createGroupCommitter, type GroupCommitOptions } from './group-commit.js';
import { assertStreamId, prepareAppend, type AppendLimits } from './validate-append.js';
import { createUpcast, type Upcaster } from './upcasters.js';

export type { AppendResult };

export interface AppendOptions {
  /** Defaults to 'any'. */
  readonly expectedVersion?: ExpectedVersion;
}

export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion?: ExpectedVersion;
}

/**
 * Runs inside the appending transaction, after the events are written: an inline projection. Its `lockKey`
 * is taken as a shared advisory lock (1871, lockKey) before the append's first write, so that a rebuild can
 * take it exclusively and know that no append is half-way between writing events and running the hook.
 */
export interface AppendHook {
  readonly name: string;
  readonly lockKey: number;
  readonly handle: (tx: Sql, events: readonly EventEnvelope[]) => Promise<void>;
  /**
   * Asked before an append, with each event as it will be stored less its feed coordinates (version 0, position
   * 0): false for every event means the hook has nothing to do, so the append takes neither its lock nor, when no
   * hook is concerned, a transaction of its own. Absent: every append concerns the hook.
   */
  readonly concerns?: (event: EventEnvelope) => boolean;
}

export interface ReadStreamOptions {
  /** First version to read (forwards) or last (backwards). Defaults to the start or the end. */
  readonly from?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
  /** Read inside this transaction (after taking a lock, say) instead of on a connection of the store's own. */
  readonly in?: Sql;
}

export interface EventStoreOptions {
  readonly limits?: Partial<AppendLimits>;
  readonly groupCommit?: Partial<GroupCommitOptions>;
  readonly upcasters?: readonly Upcaster[];
  /** Inline projections: run in the same transaction as every append. */
  readonly onAppended?: readonly AppendHook[];
  /**
   * Checks events before anything is written (public events against their registered schemas); throws a
   * DomainError to refuse the whole append. Synchronous, so that it cannot hold a batch of other appends back.
   */
  readonly validate?: (streamId: string, events: readonly NewEvent[]) => void;
}

export interface EventStore {
  readonly database: Database;
  append(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Appends to several streams atomically: all commit, or none (the first failure is thrown). */
  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** Appends inside a caller's transaction (a subscription handler, a saga step); must be its first write. */
  appendInTransaction(tx: Sql, appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<EventEnvelope[]>;
  /** 0 when the stream does not exist. */
  streamVersion(streamId: string): Promise<number>;
  readFeed(after: FeedPosition, options?: ReadFeedOptions): Promise<FeedPage>;
  /** Where a stable feed read ends now: load a read model after taking it, then follow the feed from it. */
  feedHead(): Promise<FeedPosition>;
  /**
   * Runs `work` in one transaction; appends made in it through `appendInTransaction` wake feed readers once it
   * commits.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** Fires after commits in this process, and in others on PostgreSQL; subscriptions use it to wake. */
  onCommitted(listener: () => void): () => void;
  close(): Promise<void>;
}

const HOOK_LOCKS_SQL = 'select pg_advisory_xact_lock_shared(1871, k) from unnest($1::int[]) as k order by k';

const DEFAULT_LIMITS: AppendLimits = { maxEventBytes: 1024 * 1024, maxEventsPerAppend: 10_000 };

type Prepared = ReturnType<typeof prepareAppend>;

export const createEventStore = (db: Database, options: EventStoreOptions = {}): EventStore => {
  const limits: AppendLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const allHooks = options.onAppended ?? [];
  /** The hooks a batch concerns, and their lock keys in lock order; most appends concern none. */
  const hooksFor = (batch: readonly Prepared[]): { hooks: readonly AppendHook[]; lockKeys: number[] } => {
    if (allHooks.length === 0) return { hooks: allHooks, lockKeys: [] };
    const events = batch.flatMap(({ payload }) =>
      payload.ev.map((event): EventEnvelope => ({
        id: event.id,
        type: event.type,
        streamId: payload.s,
        version: 0,
        data: event.data,
        metadata: event.metadata as EventEnvelope['metadata'],
        globalPosition: 0n,
        transactionId: 0n,
        recordedAt: '',
      })),
    );
    const hooks = allHooks.filter((hook) => hook.concerns === undefined || events.some(hook.concerns));
    return { hooks, lockKeys: hooks.map((hook) => hook.lockKey).sort((a, b) => a - b) };
  };
  const upcast = createUpcast(options.upcasters ?? []);
  const signal = createFeedSignal(db);
  const appendedIn = new WeakSet<Sql>();

  /** The appends (one statement, see writeAppends), then inline projections, in the caller's transaction. */
  const writeIn = async (
    tx: Sql,
    batch: readonly Prepared[],
    checkIds: boolean,
    { hooks, lockKeys } = hooksFor(batch),
  ): Promise<(AppendResult | Error)[]> => {
    let rows: AppendBatchRow[];
    try {
      // Advisory locks assign no transaction id, so this may precede the append's first write.
      if (lockKeys.length > 0) await tx.query(HOOK_LOCKS_SQL, [lockKeys]);
      rows = await writeAppends(tx, batch, checkIds);
    } catch (error) {
      return translateAppendError(
        error,
        batch.length === 1 ? (batch[0] as Prepared).payload.s : 'several streams',
      );
    }
    const results = batch.map((prepared, index) => {
      // The function answers in batch order; the index check guards that, without a search per append.
      const row = rows[index]?.idx === index ? rows[index] : rows.find((r) => r.idx === index);
      return row === undefined
        ? new Error(`no outcome for append ${index}`)
        : toAppendResult(prepared.payload, row);
    });
    const appended = results.flatMap((r) => (r instanceof Error ? [] : r.events));
    if (appended.length > 0) for (const hook of hooks) await hook.handle(tx, appended);
    return results;
  };

  const writeOnce = (batch: readonly Prepared[], checkIds: boolean) => {
    const concerned = hooksFor(batch);
    return concerned.hooks.length === 0
      ? writeIn(db, batch, checkIds, concerned)
      : db.transaction((tx) => writeIn(tx, batch, checkIds, concerned));
  };

  /**
   * The fast path leaves stored ids, and the absence of a stream appended with no_stream, to the unique keys; only
   * when one fires is the batch written again with the per-append checks, which tell a harmless retry (a no-op)
   * from a real clash and name the stream's actual version.
   */
  const writeBatch = async (batch: readonly Prepared[]): Promise<(AppendResult | Error)[]> => {
    let results: (AppendResult | Error)[];
    try {
      results = await writeOnce(batch, false);
    } catch (error) {
      if (!isDomainError(error, 'EVENT_ID_CONFLICT') && !isDomainError(error, 'STREAM_VERSION_CONFLICT'))
        throw error;
      results = await writeOnce(batch, true);
    }
    if (results.some((r) => !(r instanceof Error) && !r.duplicate)) signal.committed();
    return results;
  };

  const committer = createGroupCommitter<Prepared, AppendResult>(writeBatch, {
    // Measured on a 2-core machine: small appends do best with two batches in flight (one written while the
    // next fills), large ones with four. PGlite has one connection. Raise both for a large server.
    maxConcurrentBatches: db.kind === 'pglite' ? 1 : Math.min(4, db.maxConnections),
    smallBatchConcurrency: db.kind === 'pglite' ? 1 : Math.min(2, db.maxConnections),
    largeBatchEvents: 50,
    maxAppendsPerBatch: 256,
    maxEventsPerBatch: 5_000,
    ...options.groupCommit,
  });

  const validate = options.validate;
  const prepareChecked = (streamId: string, events: readonly NewEvent[], expected: ExpectedVersion) => {
    const prepared = prepareAppend(streamId, events, expected, limits);
    validate?.(streamId, events);
    return prepared;
  };
  const prepare = (a: StreamAppend) => prepareChecked(a.streamId, a.events, a.expectedVersion ?? 'any');

  const appendAll = async (tx: Sql, appends: readonly StreamAppend[]): Promise<AppendResult[]> => {
    if (appends.length === 0) throw new DomainError('EMPTY_APPEND', 'appendMany needs at least one stream');
    const results = await writeIn(tx, appends.map(prepare), true);
    const failure = results.find((r): r is Error => r instanceof Error);
    if (failure !== undefined) throw failure;
    return results as AppendResult[];
  };

  return {
    database: db,
    append: async (streamId, events, appendOptions = {}) => {
      const prepared = prepareChecked(streamId, events, appendOptions.expectedVersion ?? 'any');
      return committer.submit(prepared, prepared.payload.ev.length);
    },
    appendMany: async (appends) => {
      const results = await db.transaction((tx) => appendAll(tx, appends));
      signal.committed();
      return results;
    },
    appendInTransaction: async (tx, appends) => {
      const results = await appendAll(tx, appends);
      appendedIn.add(tx);
      return results;
    },
    transaction: async (work) => {
      let used: Sql | undefined;
      const result = await db.transaction((tx) => {
        used = tx;
        return work(tx);
      });
      if (used !== undefined && appendedIn.has(used)) signal.committed();
      return result;
    },
    readStream: async (streamId, { from, direction = 'forwards', maxCount = 10_000, in: tx } = {}) => {
      assertStreamId(streamId);
      const forwards = direction === 'forwards';
      const rows = await (tx ?? db).queryValues(
        `select ${STREAM_EVENT_COLUMNS} from omnistream.events e
          where e.stream_id = $1 and e.version ${forwards ? '>=' : '<='} $2::bigint
          order by e.version ${forwards ? 'asc' : 'desc'} limit $3`,
        [streamId, String(from ?? (forwards ? 1 : Number.MAX_SAFE_INTEGER)), maxCount],
      );
      return rows.map((row) => upcast(toEnvelope(row, streamId)));
    },
    streamVersion: async (streamId) => {
      assertStreamId(streamId);
      const rows = await db.query<{ version: number }>(
        'select version::int as version from omnistream.events where stream_id = $1 order by version desc limit 1',
        [streamId],
      );
      return rows[0]?.version ?? 0;
    },
    readFeed: async (after, feedOptions) => {
      const page = await readFeed(feedOptions?.in ?? db, after, feedOptions);
      return { ...page, events: page.events.map(upcast) };
    },
    feedHead: () => readFeedHead(db),
    onCommitted: (listener) => signal.subscribe(listener),
    close: async () => {
      while (committer.pending > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      await signal.close();
    },
  };
};
