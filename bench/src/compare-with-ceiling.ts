import type { BenchResult } from './bench-report.js';
import {
  measureThroughput,
  mergeThroughputs,
  type Operation,
  type Throughput,
} from './measure-throughput.js';
import { percentile } from './percentile.js';

export interface Timing {
  /** Measured time per side, split over the rounds. */
  readonly durationMs: number;
  /** Warm-up before each measured round, discarded. */
  readonly warmupMs: number;
  readonly rounds: number;
}

export interface Comparison {
  readonly case: string;
  readonly adapter: string;
  readonly unit: string;
  readonly workers: number;
  readonly notes: string;
  readonly ceiling: Operation;
  readonly subject: Operation;
}

const rate = (t: Throughput) => (t.seconds === 0 ? 0 : t.items / t.seconds);

/**
 * Measures the ceiling and the subject in alternating rounds (ceiling first in even rounds, subject first in odd
 * ones), so drift on a shared machine hits both sides alike, and reports subject / ceiling.
 */
export const compareWithCeiling = async (comparison: Comparison, timing: Timing): Promise<BenchResult> => {
  const perRound = timing.durationMs / timing.rounds;
  const sides = { ceiling: [] as Throughput[], subject: [] as Throughput[] };
  for (let round = 0; round < timing.rounds; round += 1) {
    const order = round % 2 === 0 ? (['ceiling', 'subject'] as const) : (['subject', 'ceiling'] as const);
    for (const side of order)
      sides[side].push(
        await measureThroughput({
          workers: comparison.workers,
          durationMs: perRound,
          warmupMs: timing.warmupMs,
          op: comparison[side],
        }),
      );
  }
  const ceiling = mergeThroughputs(sides.ceiling);
  const subject = mergeThroughputs(sides.subject);
  return {
    case: comparison.case,
    adapter: comparison.adapter,
    value: rate(subject),
    unit: comparison.unit,
    ceiling: rate(ceiling),
    ratio: rate(ceiling) === 0 ? 0 : rate(subject) / rate(ceiling),
    p50Ms: percentile(subject.latencies, 50),
    p99Ms: percentile(subject.latencies, 99),
    ceilingP50Ms: percentile(ceiling.latencies, 50),
    ceilingP99Ms: percentile(ceiling.latencies, 99),
    notes: comparison.notes,
  };
};
