/** One measured case: the subject's value, the ceiling measured in the same run, and their ratio. */
export interface BenchResult {
  readonly case: string;
  readonly adapter: string;
  readonly value: number;
  readonly unit: string;
  readonly ceiling: number;
  readonly ratio: number;
  /** Per-operation latency of the subject and the ceiling, in milliseconds, when measured. */
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly ceilingP50Ms?: number;
  readonly ceilingP99Ms?: number;
  /** Concurrency, pool size and anything else needed to reproduce the number. */
  readonly notes?: string;
}

export interface BenchEnvironment {
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memory: string;
  readonly postgres: string | null;
  readonly pglite: string | null;
  readonly quick: boolean;
  readonly date: string;
}

/** What `bench/results/<name>.json` holds: never drop a field, dashboards read it. */
export interface BenchReport {
  readonly name: string;
  readonly environment: BenchEnvironment;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly results: readonly BenchResult[];
}
