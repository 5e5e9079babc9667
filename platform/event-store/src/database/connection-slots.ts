/**
 * A pool of single-connection driver clients: statements go to the free slot with the fewest in flight (several
 * may be pipelined on one connection), a transaction takes a slot to itself until it ends, and when every slot is
 * in a transaction, work waits here in arrival order.
 *
 * Why not the driver's own pool: `postgres` (3.4.9) keeps its pool's queues in arrays that are compacted only when
 * they run empty. Under steady load its queue of busy connections never does, and each statement then scans the
 * whole history of that queue: 32 concurrent callers on a pool of 10 fell from 36,000 to 11,000 statements/s
 * within 15 s, and the server's order flow spent a quarter of its CPU there. A client with one connection never
 * holds more than that one in a queue, so nothing accumulates. (Capping the driver's pipeline depth also avoids
 * the scan, but then a BEGIN queued behind another statement is not marked as a transaction, and other callers'
 * statements run inside it.)
 */
interface Slot<Client> {
  readonly client: Client;
  /** Statements sent and not yet answered. */
  inFlight: number;
  inTransaction: boolean;
}

type Purpose = 'statement' | 'transaction';

export interface ConnectionSlots<Client> {
  readonly size: number;
  /** Runs one statement on the least busy slot that is not in a transaction. */
  statement<T>(run: (client: Client) => Promise<T>): Promise<T>;
  /** Runs `work` with a slot of its own (preferably an idle one) until it settles. */
  transaction<T>(work: (client: Client) => Promise<T>): Promise<T>;
  readonly clients: readonly Client[];
}

export const createConnectionSlots = <Client>(
  size: number,
  connect: () => Client,
): ConnectionSlots<Client> => {
  const slots: Slot<Client>[] = Array.from({ length: size }, () => ({
    client: connect(),
    inFlight: 0,
    inTransaction: false,
  }));
  const waiting: { purpose: Purpose; resolve: (slot: Slot<Client>) => void }[] = [];

  /** The slot `purpose` may use now, already counted as taken; undefined when every slot is in a transaction. */
  const take = (purpose: Purpose): Slot<Client> | undefined => {
    let best: Slot<Client> | undefined;
    for (const slot of slots)
      if (!slot.inTransaction && (best === undefined || slot.inFlight < best.inFlight)) best = slot;
    if (best === undefined) return undefined;
    if (purpose === 'transaction') best.inTransaction = true;
    else best.inFlight += 1;
    return best;
  };

  const acquire = (purpose: Purpose): Slot<Client> | Promise<Slot<Client>> =>
    (waiting.length === 0 ? take(purpose) : undefined) ??
    new Promise<Slot<Client>>((resolve) => waiting.push({ purpose, resolve }));

  /** Hands freed capacity to waiters, first come first served. */
  const dispatch = (): void => {
    while (waiting.length > 0) {
      const next = waiting[0] as (typeof waiting)[number];
      const slot = take(next.purpose);
      if (slot === undefined) return;
      waiting.shift();
      next.resolve(slot);
    }
  };

  return {
    size,
    clients: slots.map((slot) => slot.client),
    statement: async (run) => {
      const slot = await acquire('statement');
      try {
        return await run(slot.client);
      } finally {
        // Nobody waits on this: work waits only while every slot is in a transaction, which no statement changes.
        slot.inFlight -= 1;
      }
    },
    transaction: async (work) => {
      const slot = await acquire('transaction');
      try {
        return await work(slot.client);
      } finally {
        slot.inTransaction = false;
        dispatch();
      }
    },
  };
};
