import type { SimulationMetrics } from './simulation-metrics.js';

/** One or two engine runs and the greedy baseline, over the same orders and network. */
export interface SimulationReport {
  readonly orders: number;
  readonly locations: number;
  readonly stores: number;
  /** The network's seed, or null when it came from a file made elsewhere. */
  readonly seed: number | null;
  readonly runs: readonly SimulationMetrics[];
  readonly baseline: SimulationMetrics;
}
