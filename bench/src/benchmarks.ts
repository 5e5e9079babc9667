import type { Benchmark } from './benchmark.js';
import { busBenchmark } from './bus/bus-benchmark.js';
import { eventStoreBenchmark } from './event-store/event-store-benchmark.js';
import { ingestBenchmark } from './ingest/ingest-benchmark.js';
import { inventoryBenchmark } from './inventory/inventory-benchmark.js';
import { ordersBenchmark } from './orders/orders-benchmark.js';

/** Every benchmark `npm run bench -- <name>` knows, by name. */
export const benchmarks: ReadonlyMap<string, Benchmark> = new Map([
  ['event-store', eventStoreBenchmark],
  ['bus', busBenchmark],
  ['inventory', inventoryBenchmark],
  ['orders', ordersBenchmark],
  ['ingest', ingestBenchmark],
]);
