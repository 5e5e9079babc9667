/**
 * Group commit (DESIGN.md): appends that arrive while earlier ones are being written are sent together, as one
 * statement in one transaction, so the store is not capped at one WAL flush per command. No timer delays an
 * append: an idle store writes each one at once, and batches form only under load.
 *
 * Each append keeps its own outcome inside a batch (a version conflict fails that append, not its neighbours).
 * When the batch itself fails (a constraint, a projection's error), every append is retried on its own, so one
 * bad append never fails another.
 */
export interface GroupCommitOptions {
  /** Batches in flight at once; each holds a connection. */
  readonly maxConcurrentBatches: number;
  /**
   * Batches in flight while the queue holds only small appends. Small appends gain from waiting to share a
   * transaction; large ones (at least `largeBatchEvents` queued) are worth a transaction of their own at once.
   */
  readonly smallBatchConcurrency: number;
  readonly largeBatchEvents: number;
  /** Most appends per batch. */
  readonly maxAppendsPerBatch: number;
  /** Most events per batch; an append larger than this goes alone. */
  readonly maxEventsPerBatch: number;
}

export interface Pending<Item, Result> {
  readonly item: Item;
  readonly events: number;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export type WriteBatch<Item, Result> = (items: readonly Item[]) => Promise<readonly (Result | Error)[]>;

export const createGroupCommitter = <Item, Result>(
  write: WriteBatch<Item, Result>,
  options: GroupCommitOptions,
) => {
  const queue: Pending<Item, Result>[] = [];
  let queuedEvents = 0;
  let inFlight = 0;

  const settle = (batch: readonly Pending<Item, Result>[], outcomes: readonly (Result | Error)[]) =>
    batch.forEach((pending, index) => {
      const outcome = outcomes[index];
      if (outcome instanceof Error) pending.reject(outcome);
      else if (outcome === undefined) pending.reject(new Error('append batch returned no outcome'));
      else pending.resolve(outcome);
    });

  const runAlone = async (pending: Pending<Item, Result>) => {
    try {
      settle([pending], await write([pending.item]));
    } catch (error) {
      pending.reject(error);
    }
  };

  const takeBatch = (): Pending<Item, Result>[] => {
    const batch: Pending<Item, Result>[] = [];
    let events = 0;
    while (queue.length > 0 && batch.length < options.maxAppendsPerBatch) {
      const next = queue[0] as Pending<Item, Result>;
      if (batch.length > 0 && events + next.events > options.maxEventsPerBatch) break;
      batch.push(next);
      events += next.events;
      queuedEvents -= next.events;
      queue.shift();
    }
    return batch;
  };

  const pump = (): void => {
    while (inFlight < options.maxConcurrentBatches && queue.length > 0) {
      if (inFlight >= options.smallBatchConcurrency && queuedEvents < options.largeBatchEvents) return;
      const batch = takeBatch();
      inFlight += 1;
      void (async () => {
        try {
          settle(batch, await write(batch.map((pending) => pending.item)));
        } catch (error) {
          if (batch.length === 1) (batch[0] as Pending<Item, Result>).reject(error);
          else for (const pending of batch) await runAlone(pending);
        } finally {
          inFlight -= 1;
          pump();
        }
      })();
    }
  };

  return {
    submit: (item: Item, events: number): Promise<Result> =>
      new Promise<Result>((resolve, reject) => {
        queue.push({ item, events, resolve, reject });
        queuedEvents += events;
        pump();
      }),
    get pending(): number {
      return queue.length + inFlight;
    },
  };
};
