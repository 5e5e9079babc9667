import { performance } from 'node:perf_hooks';

/** Milliseconds since the epoch, with a fraction: comparable between processes on one machine. */
export const wallClock = (): number => performance.timeOrigin + performance.now();

/** Send and arrival times by message id, and a way to wait until every sent message arrived. */
export const createArrivals = () => {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let waiter: { count: number; resolve: () => void } | undefined;
  return {
    sent: (id: string): void => {
      sentAt.set(id, wallClock());
    },
    /** `at`: when another process saw it (wallClock there); now by default. */
    arrived: (id: string, at: number = wallClock()): void => {
      const sent = sentAt.get(id);
      if (sent === undefined) return; // not ours (an earlier round's straggler)
      sentAt.delete(id);
      latencies.push(at - sent);
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
