import { performance } from 'node:perf_hooks';

/** One operation of a worker; resolves to how many items (events, reads) it handled. */
export type Operation = (worker: number) => Promise<number>;

export interface Throughput {
  readonly items: number;
  readonly seconds: number;
  /** Per-operation latencies in milliseconds. */
  readonly latencies: readonly number[];
}

export interface MeasureOptions {
  readonly workers: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly op: Operation;
}

const runFor = async (workers: number, durationMs: number, op: Operation): Promise<Throughput> => {
  const latencies: number[] = [];
  let items = 0;
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < end) {
        const before = performance.now();
        const handled = await op(worker); // not `items += await`: that reads `items` before the await and loses updates
        latencies.push(performance.now() - before);
        items += handled;
      }
    }),
  );
  return { items, seconds: (performance.now() - started) / 1000, latencies };
};

/** Runs `workers` closed loops of `op` for a warm-up (discarded), then for `durationMs`, measured. */
export const measureThroughput = async ({
  workers,
  durationMs,
  warmupMs,
  op,
}: MeasureOptions): Promise<Throughput> => {
  if (warmupMs > 0) await runFor(workers, warmupMs, op);
  return runFor(workers, durationMs, op);
};

export const mergeThroughputs = (parts: readonly Throughput[]): Throughput => ({
  items: parts.reduce((sum, part) => sum + part.items, 0),
  seconds: parts.reduce((sum, part) => sum + part.seconds, 0),
  latencies: parts.flatMap((part) => part.latencies),
});
