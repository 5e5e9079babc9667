import { Counter, Gauge, type Registry } from 'prom-client';
import type { Sql } from '@omnistream/event-store';
import type { PartitionLag } from '../bus.js';

export interface ConsumerMetrics {
  readonly retries: Counter<'group' | 'topic'>;
  readonly parked: Counter<'group' | 'topic'>;
  /** Adds a running consumer to the lag and dead letter gauges; returns its removal. */
  track(consumer: { group: string; sql: Sql; lag(): Promise<PartitionLag[]> }): () => void;
}

const byRegistry = new WeakMap<Registry, ConsumerMetrics>();

/**
 * Consumer series (DESIGN.md: lag per group and partition, retries, dead letters), created once per registry so
 * several consumers in one process share them. Gauges are read when scraped, from the consumers running then.
 */
export const consumerMetrics = (registry: Registry): ConsumerMetrics => {
  const existing = byRegistry.get(registry);
  if (existing !== undefined) return existing;
  const consumers = new Set<{ group: string; sql: Sql; lag(): Promise<PartitionLag[]> }>();
  const retries = new Counter({
    name: 'omnistream_consumer_retries_total',
    help: 'Failed handler attempts that were retried',
    labelNames: ['group', 'topic'] as const,
    registers: [registry],
  });
  const parked = new Counter({
    name: 'omnistream_dead_letters_parked_total',
    help: 'Messages parked as dead letters after their last attempt',
    labelNames: ['group', 'topic'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'omnistream_consumer_lag',
    help: 'Messages after the group’s committed offset, per partition',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const consumer of consumers)
        for (const row of await consumer.lag().catch(() => []))
          this.set({ group: row.group, topic: row.topic, partition: String(row.partition) }, row.lag);
    },
  });
  new Gauge({
    name: 'omnistream_dead_letters',
    help: 'Dead letters by group, topic and status',
    labelNames: ['group', 'topic', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const consumer of consumers) {
        const rows = await consumer.sql
          .query<{ topic: string; status: string; n: number }>(
            `select topic, status, count(*)::int as n from omnistream.dead_letters where group_name = $1
              group by topic, status`,
            [consumer.group],
          )
          .catch(() => []);
        for (const row of rows)
          this.set({ group: consumer.group, topic: row.topic, status: row.status }, row.n);
      }
    },
  });
  const metrics: ConsumerMetrics = {
    retries,
    parked,
    track: (consumer) => {
      consumers.add(consumer);
      return () => consumers.delete(consumer);
    },
  };
  byRegistry.set(registry, metrics);
  return metrics;
};
