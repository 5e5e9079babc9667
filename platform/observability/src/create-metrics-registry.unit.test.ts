import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from './create-metrics-registry.js';

describe('createMetricsRegistry', () => {
  it('collects process and Node.js metrics in Prometheus text format', async () => {
    const text = await createMetricsRegistry().metrics();
    expect(text).toMatch(/^process_cpu_user_seconds_total/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds/m);
  });

  it('keeps registries apart and adds default labels to every series', async () => {
    const a = createMetricsRegistry({ defaultLabels: { service: 'a' } });
    const b = createMetricsRegistry();
    expect(await a.metrics()).toMatch(/process_cpu_user_seconds_total\{service="a"\}/);
    expect(await b.metrics()).not.toMatch(/service="a"/);
  });
});
