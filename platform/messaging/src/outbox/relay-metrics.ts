import { Counter, type Registry } from 'prom-client';

export interface RelayMetrics {
  readonly published: Counter<'topic'>;
  readonly parked: Counter<'topic'>;
  readonly failures: Counter;
}

const byRegistry = new WeakMap<Registry, RelayMetrics>();

/** Outbox relay series, created once per registry. */
export const relayMetrics = (registry: Registry): RelayMetrics => {
  const existing = byRegistry.get(registry);
  if (existing !== undefined) return existing;
  const metrics: RelayMetrics = {
    published: new Counter({
      name: 'omnistream_outbox_published_total',
      help: 'Public events published by the outbox relay',
      labelNames: ['topic'] as const,
      registers: [registry],
    }),
    parked: new Counter({
      name: 'omnistream_outbox_parked_total',
      help: 'Public events parked as dead letters because they do not fit their contract',
      labelNames: ['topic'] as const,
      registers: [registry],
    }),
    failures: new Counter({
      name: 'omnistream_outbox_failures_total',
      help: 'Relay batches that failed and were retried',
      registers: [registry],
    }),
  };
  byRegistry.set(registry, metrics);
  return metrics;
};
