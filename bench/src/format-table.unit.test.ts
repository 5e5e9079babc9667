import { describe, expect, it } from 'vitest';
import type { BenchResult } from './bench-report.js';
import { formatTable } from './format-table.js';

const result = (overrides: Partial<BenchResult> = {}): BenchResult => ({
  case: 'append 1 event, 32 writers',
  adapter: 'postgres',
  value: 9123.456,
  unit: 'events/s',
  ceiling: 10_000,
  ratio: 0.9123456,
  ...overrides,
});

describe('formatTable', () => {
  it('prints a header, a rule and one row per result', () => {
    const lines = formatTable([result(), result({ adapter: 'pglite' })]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^case\s+adapter\s+value\s+ceiling\s+unit\s+ratio/);
    expect(lines[1]).toMatch(/^-+( +-+)+$/);
    expect(lines[3]).toContain('pglite');
  });

  it('rounds large values to whole numbers with separators and ratios to two decimals', () => {
    const row = formatTable([result()]).split('\n')[2];
    expect(row).toContain('9,123');
    expect(row).toContain('10,000');
    expect(row).toContain('0.91');
    expect(row).not.toContain('9123.456');
  });

  it('shows latency percentiles when they were measured and leaves the cells empty otherwise', () => {
    const [, , withLatency, without] = formatTable([
      result({ p50Ms: 1.234, p99Ms: 12.5, ceilingP50Ms: 0.5, ceilingP99Ms: 3 }),
      result(),
    ]).split('\n');
    expect(withLatency).toContain('1.23 / 12.5');
    expect(withLatency).toContain('0.5 / 3');
    expect(without).toMatch(/0\.91$/);
  });

  it('aligns every column, whatever the width of its cells', () => {
    const lines = formatTable([
      result(),
      result({ case: 'feed', value: 5, ceiling: 123_456_789, ratio: 0 }),
    ]).split('\n');
    const ratioEnd = (line: string | undefined) => (line ?? '').indexOf('ratio') + 'ratio'.length;
    expect(lines[2]?.slice(ratioEnd(lines[0]) - 4, ratioEnd(lines[0]))).toBe('0.91');
    expect(lines[3]?.slice(ratioEnd(lines[0]) - 4, ratioEnd(lines[0]))).toBe('0.00');
  });
});
