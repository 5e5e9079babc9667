import type { IngestTarget } from './produce-requests.js';

/** What both proxy cases run against and with. */
export interface IngestContext {
  readonly target: IngestTarget;
  readonly brokers: readonly string[];
  /** Keep-alive connections of the load generator. */
  readonly concurrency: number;
  /** Measured time of each side of a case. */
  readonly durationMs: number;
  /** A closed-loop run of the subject before the measured one, discarded. */
  readonly warmupMs: number;
  readonly log: (line: string) => void;
}

/** A case's result and the records the proxy acknowledged during it (warm-up and samples included). */
export interface CaseOutcome<R> {
  readonly result: R;
  readonly acknowledged: number;
}
