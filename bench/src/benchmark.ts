import type { BenchOptions } from './bench-options.js';
import type { BenchReport } from './bench-report.js';

/** A named benchmark: measures its subject and the ceiling in the same run. */
export interface Benchmark {
  readonly description: string;
  run(options: BenchOptions, log: (line: string) => void): Promise<BenchReport>;
}
