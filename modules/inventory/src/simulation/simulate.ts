import { performance } from 'node:perf_hooks';
import type { RuleSet } from '../domain/sourcing/rule-set.js';
import type { SourcingDecision } from '../domain/sourcing/sourcing-decision.js';
import type { SourcingLocation } from '../domain/sourcing/sourcing-location.js';
import type { SourcingNetwork } from '../domain/sourcing/sourcing-network.js';
import type { SourcingRequest } from '../domain/sourcing/sourcing-request.js';
import { gini } from './gini.js';
import type { SimulationMetrics } from './simulation-metrics.js';
import type { SourcingDataSet } from './sourcing-data-set.js';

export type Planner = (
  request: SourcingRequest,
  network: SourcingNetwork,
  ruleSet: RuleSet,
) => SourcingDecision;

type LiveLocation = { -readonly [K in keyof SourcingLocation]: SourcingLocation[K] };

/**
 * Replays orders in order against a private copy of the data set, as a day would run them: each plan takes its
 * units from stock and adds its lines to the load of the locations it uses, so later decisions see the effects
 * of earlier ones (that is how store rotation and capacity limits show). The data set passed in is not changed.
 */
export const simulate = (
  dataSet: SourcingDataSet,
  orders: readonly SourcingRequest[],
  planner: Planner,
  ruleSet: RuleSet,
  label: string = ruleSet.id,
): SimulationMetrics => {
  const live: LiveLocation[] = dataSet.locations.map((location) => ({ ...location }));
  const byId = new Map(live.map((location) => [location.id, location]));
  // Copy on write: only the SKUs orders touch are copied.
  const written = new Map<string, Map<string, number>>();
  const network: SourcingNetwork = {
    locations: live,
    stockOf: (sku) => written.get(sku) ?? dataSet.stock.get(sku),
  };
  const latencies = new Float64Array(orders.length);
  const unfulfillable: SimulationMetrics['unfulfillable'][number][] = [];
  let plannerName: SimulationMetrics['planner'] = 'engine';
  let planning = 0;
  let shipments = 0;
  let splits = 0;
  let km = 0;
  orders.forEach((order, i) => {
    const started = performance.now();
    const decision = planner(order, network, ruleSet);
    const took = performance.now() - started;
    latencies[i] = took;
    planning += took;
    plannerName = decision.planner;
    if (decision.status === 'unfulfillable') {
      unfulfillable.push({ orderId: order.orderId, reason: decision.reason, detail: decision.detail });
      return;
    }
    shipments += decision.shipments.length;
    if (decision.shipments.length > 1) splits += 1;
    for (const shipment of decision.shipments) {
      km += shipment.distanceKm;
      const location = byId.get(shipment.locationId);
      if (location !== undefined) location.todayLoad += shipment.lines.length;
    }
    for (const { sku, locationId, quantity } of decision.allocations) {
      let stock = written.get(sku);
      if (stock === undefined) written.set(sku, (stock = new Map(dataSet.stock.get(sku))));
      stock.set(locationId, (stock.get(locationId) ?? 0) - quantity);
    }
  });
  const fulfilled = orders.length - unfulfillable.length;
  const storeRatios = live
    .filter((location) => location.type === 'store' && location.open && location.dailyCapacity > 0)
    .map((location) => location.todayLoad / location.dailyCapacity);
  let dcPicked = 0;
  let dcCapacity = 0;
  live.forEach((location, i) => {
    if (location.type !== 'dc') return;
    dcPicked += location.todayLoad - (dataSet.locations[i]?.todayLoad ?? 0);
    dcCapacity += location.dailyCapacity;
  });
  const sorted = latencies.sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  return {
    label,
    planner: plannerName,
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    orders: orders.length,
    fulfilled,
    unfulfillable,
    shipmentsPerOrder: fulfilled === 0 ? 0 : shipments / fulfilled,
    splitRate: fulfilled === 0 ? 0 : splits / fulfilled,
    kmPerOrder: fulfilled === 0 ? 0 : km / fulfilled,
    kmPerShipment: shipments === 0 ? 0 : km / shipments,
    maxStoreLoadRatio: storeRatios.reduce((max, ratio) => Math.max(max, ratio), 0),
    storeLoadGini: gini(storeRatios),
    dcLoadRatio: dcCapacity === 0 ? 0 : dcPicked / dcCapacity,
    decisionsPerSecond: planning === 0 ? 0 : orders.length / (planning / 1000),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
};
