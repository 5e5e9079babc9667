/**
 * Group commit for a batch operation: while `concurrency` calls run (two by default, so that the database works on
 * one batch while this process prepares the next), the calls that arrive wait and then run together as one,
 * so concurrent requests share a database transaction (one commit) instead of queueing for a connection each. An
 * idle caller runs at once: no added latency when there is no load. If a shared run fails, each call in it is run
 * again on its own, so one bad call fails alone.
 */
export const coalesceCalls = <I, O>(
  run: (items: readonly I[]) => Promise<O[]>,
  { maxItems = 5_000, concurrency = 2 }: { maxItems?: number; concurrency?: number } = {},
): ((items: readonly I[]) => Promise<O[]>) => {
  interface Waiting {
    readonly items: readonly I[];
    readonly resolve: (out: O[]) => void;
    readonly reject: (error: unknown) => void;
  }
  const queue: Waiting[] = [];
  let running = 0;

  const drain = async (): Promise<void> => {
    running += 1;
    while (queue.length > 0) {
      const batch: Waiting[] = [];
      let count = 0;
      while (queue.length > 0 && (batch.length === 0 || count + queue[0]!.items.length <= maxItems)) {
        const next = queue.shift()!;
        batch.push(next);
        count += next.items.length;
      }
      try {
        const out = await run(batch.flatMap((call) => call.items));
        let at = 0;
        for (const call of batch) {
          call.resolve(out.slice(at, at + call.items.length));
          at += call.items.length;
        }
      } catch (error) {
        if (batch.length === 1) batch[0]!.reject(error);
        else await Promise.all(batch.map((call) => run(call.items).then(call.resolve, call.reject)));
      }
    }
    running -= 1;
  };

  return (items) => {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<O[]>((resolve, reject) => {
      queue.push({ items, resolve, reject });
      if (running < concurrency) void drain();
    });
  };
};
