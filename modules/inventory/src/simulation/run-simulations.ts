import { greedyBaseline } from '../domain/sourcing/greedy-baseline.js';
import { planSourcing } from '../domain/sourcing/plan-sourcing.js';
import type { RuleSet } from '../domain/sourcing/rule-set.js';
import type { SourcingRequest } from '../domain/sourcing/sourcing-request.js';
import { simulate } from './simulate.js';
import type { SimulationReport } from './simulation-report.js';
import type { SourcingDataSet } from './sourcing-data-set.js';

/**
 * Replays the orders under each rule set with the engine, then with the greedy baseline (under the first rule
 * set's hard filters, so both serve the same orders), each from the same starting network.
 */
export const runSimulations = (
  dataSet: SourcingDataSet,
  orders: readonly SourcingRequest[],
  ruleSets: readonly [RuleSet, ...RuleSet[]],
): SimulationReport => {
  const labels = ['A', 'B', 'C', 'D'];
  const runs = ruleSets.map((ruleSet, i) =>
    simulate(
      dataSet,
      orders,
      planSourcing,
      ruleSet,
      `${labels[i] ?? i + 1}: ${ruleSet.id} v${ruleSet.version}`,
    ),
  );
  const baseline = simulate(dataSet, orders, greedyBaseline, ruleSets[0], 'greedy baseline');
  return {
    orders: orders.length,
    locations: dataSet.locations.length,
    stores: dataSet.locations.filter((location) => location.type === 'store').length,
    seed: dataSet.seed,
    runs,
    baseline,
  };
};
