import type { EventStore, Sql } from '@omnistream/event-store';
import type { EventMetadata } from '@omnistream/kernel';
import { sagaStreamId, type AnySaga } from './saga-definition.js';
import { evolveInstance, newInstance, type SagaInstance } from './saga-instance.js';

/**
 * Advisory lock class 1873: one saga instance's stream (every class in use is listed in the event store's
 * session-lock.ts). Advisory locks assign no transaction id, so taking them keeps
 * the append the transaction's first write. Keys are taken in sorted order, so two batches never deadlock.
 */
const LOCK_SAGA_STREAMS = `select pg_advisory_xact_lock(1873, k)
  from (select distinct hashtext(s) as k from unnest($1::text[]) as s order by 1) as keys`;

/**
 * Serialises writers of these saga streams until the caller's transaction ends. Why a lock and not only a retry
 * on conflict: the append must be its transaction's first write, so a conflicted append cannot be retried inside
 * the caller's transaction; a bus consumer would have to roll back, count an attempt and perhaps dead-letter a
 * message over mere contention. The expected version on the append still guards against any other writer.
 */
export const lockSagaStreams = async (tx: Sql, streamIds: readonly string[]): Promise<void> => {
  if (streamIds.length > 0) await tx.query(LOCK_SAGA_STREAMS, [streamIds]);
};

export interface StoredSagaEvent {
  readonly id: string;
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
}

/**
 * Reads a saga stream, inside the caller's transaction (after its lock) when `sql` is given, from version `from`
 * (default: the start).
 */
export const readSagaStream = async (
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  sql?: Sql,
  from?: number,
): Promise<StoredSagaEvent[]> =>
  (
    await store.readStream(streamId, {
      ...(sql === undefined ? {} : { in: sql }),
      ...(from === undefined ? {} : { from }),
    })
  ).map((event) => ({
    id: event.id,
    version: event.version,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  }));

export const foldSagaStream = (
  saga: AnySaga,
  instanceId: string,
  events: readonly StoredSagaEvent[],
): SagaInstance => {
  let instance = newInstance(saga, instanceId);
  for (const event of events) instance = { ...evolveInstance(saga, instance, event), version: event.version };
  return instance;
};

export const loadSagaInstance = async (
  store: EventStore,
  sql: Sql,
  saga: AnySaga,
  instanceId: string,
): Promise<SagaInstance> =>
  foldSagaStream(saga, instanceId, await readSagaStream(store, sagaStreamId(saga.name, instanceId), sql));

/** An instance as last loaded or written, with the id of its stream's event at `instance.version`. */
export interface CachedSagaInstance {
  readonly instance: SagaInstance;
  readonly lastEventId: string;
}

/**
 * Loads an instance from what this process last knew of it, reading only the stream from that version on: the
 * event stored at the cached version must be the one cached (a write that was rolled back, or a stream written
 * elsewhere, shows as another id or none), else the whole stream is read. Under the saga stream's lock, like
 * loadSagaInstance, so nothing can be appended between this read and the caller's append.
 */
export const loadSagaInstanceAfter = async (
  store: EventStore,
  sql: Sql,
  saga: AnySaga,
  instanceId: string,
  cached: CachedSagaInstance | undefined,
): Promise<CachedSagaInstance | { readonly instance: SagaInstance; readonly lastEventId?: undefined }> => {
  const streamId = sagaStreamId(saga.name, instanceId);
  if (cached !== undefined) {
    const [first, ...newer] = await readSagaStream(store, streamId, sql, cached.instance.version);
    if (first?.id === cached.lastEventId) {
      let instance = cached.instance;
      for (const event of newer)
        instance = { ...evolveInstance(saga, instance, event), version: event.version };
      return { instance, lastEventId: newer.at(-1)?.id ?? cached.lastEventId };
    }
  }
  const events = await readSagaStream(store, streamId, sql);
  const last = events.at(-1);
  return last === undefined
    ? { instance: foldSagaStream(saga, instanceId, events) }
    : { instance: foldSagaStream(saga, instanceId, events), lastEventId: last.id };
};
