import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from './create-metrics-registry.js';
import { registerFeedMetrics } from './feed-metrics.js';

describe('feed metrics', () => {
  it('report NaN instead of failing the whole scrape when the database cannot answer', async () => {
    const registry = createMetricsRegistry();
    registerFeedMetrics(registry, {
      kind: 'postgres',
      query: () => Promise.reject(new Error('connection refused')),
    });
    expect(await registry.metrics()).toMatch(/^omnistream_feed_oldest_open_transaction_seconds nan$/im);
  });

  it('do not query PGlite, whose one connection may be busy with the very work being measured', async () => {
    const registry = createMetricsRegistry();
    registerFeedMetrics(registry, {
      kind: 'pglite',
      query: () => Promise.reject(new Error('must not be asked')),
    });
    expect(await registry.metrics()).toMatch(/^omnistream_feed_held_back_events 0$/m);
  });
});
