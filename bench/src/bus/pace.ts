import { performance } from 'node:perf_hooks';

/**
 * Open-loop load: calls `send` `ratePerSecond` times a second for `durationMs`, on schedule whether or not earlier
 * calls have finished (a closed loop would slow down with the system under test and hide its latency), with at
 * most `maxInFlight` unfinished. Resolves when every call has settled; rejects with the first failure.
 */
export const pace = async (
  ratePerSecond: number,
  durationMs: number,
  send: (index: number) => Promise<void>,
  maxInFlight = 2_000,
): Promise<{ sent: number; seconds: number }> => {
  const total = Math.round((ratePerSecond * durationMs) / 1000);
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  let failure: Error | undefined;
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const call: Promise<void> = send(index)
      .catch((error: unknown) => {
        failure ??= error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => inFlight.delete(call));
    inFlight.add(call);
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  return { sent: total, seconds: (performance.now() - started) / 1000 };
};
