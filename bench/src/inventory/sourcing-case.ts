import { performance } from 'node:perf_hooks';
import {
  defaultRuleSet,
  generateNetwork,
  generateOrders,
  greedyBaseline,
  networkOfDataSet,
  planSourcing,
  type SourcingNetwork,
  type SourcingRequest,
} from '@omnistream/inventory/sourcing';
import type { BenchResult } from '../bench-report.js';
import { percentile } from '../percentile.js';

/** The target for one core with 1,000 stores; a pure function has no external ceiling to measure. */
const TARGET_DECISIONS_PER_SECOND = 5_000;
const TARGET_P99_MS = 5;
const STORES = 1_000;
const SKUS = 10_000;
const ORDERS = 20_000;
const SEED = 42;

type Plan = typeof planSourcing;

/** Plans orders round-robin for `durationMs` on this thread; per-decision latency included. */
const measure = (
  plan: Plan,
  network: SourcingNetwork,
  orders: readonly SourcingRequest[],
  durationMs: number,
) => {
  const latencies: number[] = [];
  let i = 0;
  const started = performance.now();
  const end = started + durationMs;
  let now = started;
  while (now < end) {
    const order = orders[i % orders.length] as SourcingRequest;
    const before = now;
    plan(order, network, defaultRuleSet);
    now = performance.now();
    latencies.push(now - before);
    i += 1;
  }
  return { decisions: i, seconds: (now - started) / 1000, latencies };
};

const result = (
  name: string,
  plan: Plan,
  network: SourcingNetwork,
  orders: readonly SourcingRequest[],
  timing: { readonly durationMs: number; readonly warmupMs: number },
  notes: string,
): BenchResult => {
  measure(plan, network, orders, timing.warmupMs);
  const { decisions, seconds, latencies } = measure(plan, network, orders, timing.durationMs);
  const value = decisions / seconds;
  return {
    case: name,
    adapter: 'in-process',
    value,
    unit: 'decisions/s',
    ceiling: TARGET_DECISIONS_PER_SECOND,
    ratio: value / TARGET_DECISIONS_PER_SECOND,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    notes,
  };
};

/**
 * Sourcing decisions per second and their latency on one thread, over the generated network (1 DC, 1,000 stores,
 * 10,000 SKUs, seed 42) and 20,000 generated orders replayed round-robin against unchanging stock, under the
 * default rule set. There is no external ceiling for a pure function, so the ceiling reported is the target
 * (5,000 decisions/s, p99 under 5 ms) and the ratio says how far above or below it the engine is. The greedy
 * baseline follows for context, against the same target.
 */
export const sourcingCase = async (quick: boolean): Promise<BenchResult[]> => {
  const timing = quick ? { durationMs: 3_000, warmupMs: 500 } : { durationMs: 10_000, warmupMs: 1_000 };
  const dataSet = generateNetwork({ seed: SEED, stores: STORES, skus: SKUS });
  const network = networkOfDataSet(dataSet);
  const orders = generateOrders(dataSet, { orders: ORDERS });
  const setting = `1 DC, ${STORES} stores, ${SKUS} SKUs, ${ORDERS} orders (seed ${SEED}), rule set ${defaultRuleSet.id} v${defaultRuleSet.version}, 1 thread`;
  const engine = result(
    'plan sourcing (engine)',
    planSourcing,
    network,
    orders,
    timing,
    `${setting}; ceiling = target`,
  );
  await Promise.resolve(); // let the event loop breathe between the two synchronous runs
  const baseline = result(
    'greedy baseline',
    greedyBaseline,
    network,
    orders,
    timing,
    `${setting}; for context`,
  );
  const p99 = engine.p99Ms ?? Infinity;
  return [
    {
      ...engine,
      notes: `${engine.notes}; p99 target ${TARGET_P99_MS} ms ${p99 < TARGET_P99_MS ? 'met' : 'missed'}`,
    },
    baseline,
  ];
};
