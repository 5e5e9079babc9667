import type { BenchResult } from './bench-report.js';

const number = (value: number): string =>
  value >= 100
    ? Math.round(value).toLocaleString('en-US')
    : value.toLocaleString('en-US', { maximumFractionDigits: 2 });

const latency = (p50: number | undefined, p99: number | undefined): string =>
  p50 === undefined || p99 === undefined ? '' : `${number(p50)} / ${number(p99)}`;

const COLUMNS = [
  'case',
  'adapter',
  'value',
  'ceiling',
  'unit',
  'ratio',
  'p50/p99 ms',
  'ceiling p50/p99 ms',
] as const;
const RIGHT_ALIGNED = new Set<string>(['value', 'ceiling', 'ratio', 'p50/p99 ms', 'ceiling p50/p99 ms']);

/** The results as a plain-text table, one row per case and adapter, ratios to two decimals. */
export const formatTable = (results: readonly BenchResult[]): string => {
  const rows = results.map((r) => [
    r.case,
    r.adapter,
    number(r.value),
    number(r.ceiling),
    r.unit,
    r.ratio.toFixed(2),
    latency(r.p50Ms, r.p99Ms),
    latency(r.ceilingP50Ms, r.ceilingP99Ms),
  ]);
  const widths = COLUMNS.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        RIGHT_ALIGNED.has(COLUMNS[column] ?? '')
          ? cell.padStart(widths[column] ?? 0)
          : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
};
