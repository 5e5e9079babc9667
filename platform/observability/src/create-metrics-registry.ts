import { Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricsRegistryOptions {
  /** Labels added to every series, e.g. `{ service: 'omnistream' }`. */
  readonly defaultLabels?: Readonly<Record<string, string>>;
}

/**
 * A registry per deployable rather than prom-client's global one, so tests and several apps in one process
 * never see each other's series. Process and Node.js runtime metrics are collected from the start.
 */
export const createMetricsRegistry = (options: MetricsRegistryOptions = {}): Registry => {
  const registry = new Registry();
  if (options.defaultLabels !== undefined) registry.setDefaultLabels({ ...options.defaultLabels });
  collectDefaultMetrics({ register: registry });
  return registry;
};
