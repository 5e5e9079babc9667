import type { BenchReport } from './bench-report.js';

/** The report as stable, diff-friendly JSON: two-space indent, numbers to three decimals, a final newline. */
export const serializeReport = (report: BenchReport): string =>
  `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value), 2)}\n`;
