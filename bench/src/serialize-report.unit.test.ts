import { describe, expect, it } from 'vitest';
import type { BenchReport } from './bench-report.js';
import { serializeReport } from './serialize-report.js';

const report: BenchReport = {
  name: 'event-store',
  environment: {
    node: 'v20.19.0',
    cpus: 2,
    cpuModel: 'test',
    memory: '8 GiB',
    postgres: 'PostgreSQL 15',
    pglite: '0.3.16',
    quick: true,
    date: '2025-01-01T00:00:00.000Z',
  },
  settings: { storePool: 10 },
  results: [
    {
      case: 'append',
      adapter: 'pglite',
      value: 1234.56789,
      unit: 'events/s',
      ceiling: 2000,
      ratio: 0.617283945,
    },
  ],
};

describe('serializeReport', () => {
  it('keeps the name, environment and results fields dashboards read', () => {
    const parsed = JSON.parse(serializeReport(report)) as BenchReport;
    expect(Object.keys(parsed)).toEqual(['name', 'environment', 'settings', 'results']);
    expect(parsed.environment).toMatchObject({
      node: 'v20.19.0',
      cpus: 2,
      quick: true,
      postgres: 'PostgreSQL 15',
      pglite: '0.3.16',
    });
    expect(Object.keys(parsed.results[0] ?? {})).toEqual([
      'case',
      'adapter',
      'value',
      'unit',
      'ceiling',
      'ratio',
    ]);
  });

  it('rounds fractions to three decimals and leaves whole numbers alone', () => {
    const parsed = JSON.parse(serializeReport(report)) as BenchReport;
    expect(parsed.results[0]).toMatchObject({ value: 1234.568, ceiling: 2000, ratio: 0.617 });
  });

  it('is indented and ends with a newline, so results diff line by line', () => {
    const text = serializeReport(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "name": "event-store",');
  });
});
