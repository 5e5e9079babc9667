import { describe, expect, it } from 'vitest';
import { greedyBaseline } from '../domain/sourcing/greedy-baseline.js';
import { planSourcing } from '../domain/sourcing/plan-sourcing.js';
import { home, order, rules, store, type StockedLocation } from '../domain/sourcing/sourcing.fixture.js';
import { defaultRuleSet } from './default-rule-set.js';
import { generateNetwork } from './generate-network.js';
import { generateOrders } from './generate-orders.js';
import { MAX_EXTRA_KM_SHARE } from './format-simulation-report.js';
import { simulate } from './simulate.js';
import type { SourcingDataSet } from './sourcing-data-set.js';

const dataSetOf = (locations: readonly StockedLocation[]): SourcingDataSet => {
  const stock = new Map<string, Map<string, number>>();
  for (const location of locations)
    for (const [sku, units] of Object.entries(location.stock))
      stock.set(sku, (stock.get(sku) ?? new Map<string, number>()).set(location.id, units));
  return { seed: null, skus: [...stock.keys()], locations, stock };
};

describe('simulate', () => {
  it('given two equal stores and rotation, when four one-line orders replay, then each store takes two and Gini is 0', () => {
    const dataSet = dataSetOf([
      store('s1', 1, { A: 5 }, { dailyCapacity: 10 }),
      store('s2', 1, { A: 5 }, { dailyCapacity: 10 }),
    ]);
    const orders = [1, 2, 3, 4].map((i) => order(['A'], undefined, `o-${i}`));
    const metrics = simulate(
      dataSet,
      orders,
      planSourcing,
      rules({ weights: { distance: 1, priority: 0, rotation: 10 } }),
    );
    expect(metrics).toMatchObject({
      orders: 4,
      fulfilled: 4,
      unfulfillable: [],
      shipmentsPerOrder: 1,
      splitRate: 0,
      maxStoreLoadRatio: 0.2,
      storeLoadGini: 0,
    });
    expect(metrics.kmPerOrder).toBeCloseTo(1, 6);
  });

  it('consumes stock as it goes, so a later order may go unfulfilled, and says why', () => {
    const dataSet = dataSetOf([store('s1', 1, { A: 1 })]);
    const metrics = simulate(
      dataSet,
      [order(['A'], undefined, 'o-1'), order(['A'], undefined, 'o-2')],
      planSourcing,
      rules(),
    );
    expect(metrics.fulfilled).toBe(1);
    expect(metrics.unfulfillable).toEqual([
      { orderId: 'o-2', reason: 'INSUFFICIENT_STOCK', detail: expect.any(String) as unknown },
    ]);
    expect(dataSet.stock.get('A')?.get('s1')).toBe(1); // the data set itself is untouched
  });

  it('counts a split and its distance per order and per shipment', () => {
    const dataSet = dataSetOf([store('a', 2, { A: 1 }), store('b', 4, { B: 1 })]);
    const metrics = simulate(
      dataSet,
      [order(['A', 'B'], { type: 'ship_to_home', deliveryPoint: home })],
      planSourcing,
      rules(),
    );
    expect(metrics).toMatchObject({ shipmentsPerOrder: 2, splitRate: 1 });
    expect(metrics.kmPerOrder).toBeCloseTo(6, 9);
    expect(metrics.kmPerShipment).toBeCloseTo(3, 9);
  });

  it('beats the greedy baseline on shipments per order within 5 % extra km on a generated day', () => {
    const dataSet = generateNetwork({ seed: 42, stores: 200 });
    const orders = generateOrders(dataSet, { orders: 2_000 });
    const engine = simulate(dataSet, orders, planSourcing, defaultRuleSet);
    const baseline = simulate(dataSet, orders, greedyBaseline, defaultRuleSet);
    expect(engine.shipmentsPerOrder).toBeLessThan(baseline.shipmentsPerOrder);
    expect(engine.kmPerOrder).toBeLessThanOrEqual(baseline.kmPerOrder * (1 + MAX_EXTRA_KM_SHARE));
    expect(engine.fulfilled).toBeGreaterThanOrEqual(baseline.fulfilled);
  });
});
