import { performance } from 'node:perf_hooks';

/** Send and arrival times by message id, and a way to wait until every sent message arrived. */
export const createArrivals = () => {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let waiter: { count: number; resolve: () => void } | undefined;
  return {
    sent: (id: string): void => {
      sentAt.set(id, performance.now());
    },
    arrived: (id: string): void => {
      const at = sentAt.get(id);
      if (at === undefined) return; // not ours (an earlier round's straggler)
      sentAt.delete(id);
      latencies.push(performance.now() - at);
      if (waiter !== undefined && latencies.length >= waiter.count) waiter.resolve();
    },
    /** Resolves once `count` messages arrived; rejects after `timeoutMs` naming how many are missing. */
    waitFor: (count: number, timeoutMs: number): Promise<void> =>
      latencies.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(
              () =>
                reject(
                  new Error(
                    `${count - latencies.length} of ${count} messages did not arrive within ${timeoutMs} ms`,
                  ),
                ),
              timeoutMs,
            );
            waiter = {
              count,
              resolve: () => {
                clearTimeout(timer);
                resolve();
              },
            };
          }),
    latencies: (): readonly number[] => latencies,
  };
};
