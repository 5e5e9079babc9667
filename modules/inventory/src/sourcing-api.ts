// The public face of sourcing: the pure engine, its baseline and rule sets, and the what-if simulator with its
// data generator and CLI command. The rule-set API and the app's CLI import from here only.
export { planSourcing } from './domain/sourcing/plan-sourcing.js';
export { greedyBaseline } from './domain/sourcing/greedy-baseline.js';
export { parseRuleSet } from './domain/sourcing/parse-rule-set.js';
export { parseSourcingRequest } from './domain/sourcing/parse-sourcing-request.js';
export { haversineKm } from './domain/sourcing/haversine-km.js';
export type { LocationType, RuleSet } from './domain/sourcing/rule-set.js';
export type { SourcingLocation } from './domain/sourcing/sourcing-location.js';
export type { SourcingNetwork } from './domain/sourcing/sourcing-network.js';
export type {
  Fulfilment,
  FulfilmentType,
  GeoPoint,
  OrderLine,
  SourcingRequest,
} from './domain/sourcing/sourcing-request.js';
export type * from './domain/sourcing/sourcing-decision.js';
export { defaultRuleSet } from './simulation/default-rule-set.js';
export { generateNetwork, DEFAULT_NETWORK, type NetworkOptions } from './simulation/generate-network.js';
export { generateOrders, DEFAULT_ORDER_COUNT, type OrderOptions } from './simulation/generate-orders.js';
export { networkOfDataSet, type SourcingDataSet } from './simulation/sourcing-data-set.js';
export { serializeDataSet } from './simulation/serialize-data-set.js';
export { parseDataSet } from './simulation/parse-data-set.js';
export { parseOrdersJsonl } from './simulation/parse-orders-jsonl.js';
export { writeDataSet } from './simulation/write-data-set.js';
export { simulate, type Planner } from './simulation/simulate.js';
export type { SimulationMetrics } from './simulation/simulation-metrics.js';
export { runSimulations } from './simulation/run-simulations.js';
export type { SimulationReport } from './simulation/simulation-report.js';
export { formatSimulationReport } from './simulation/format-simulation-report.js';
export { runSourcingCommand, type SourcingCommandIo } from './simulation/run-sourcing-command.js';
export { SOURCING_USAGE } from './simulation/sourcing-usage.js';
