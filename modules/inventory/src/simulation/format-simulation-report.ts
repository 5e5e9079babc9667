import type { SimulationMetrics } from './simulation-metrics.js';
import type { SimulationReport } from './simulation-report.js';

/** The quality target: fewer shipments per order than the baseline, at most this much more km per order. */
export const MAX_EXTRA_KM_SHARE = 0.05;

const ROWS: readonly (readonly [string, (m: SimulationMetrics) => string])[] = [
  ['orders fulfilled', (m) => `${m.fulfilled}`],
  ['unfulfillable', (m) => `${m.unfulfillable.length}`],
  ['shipments per order', (m) => m.shipmentsPerOrder.toFixed(3)],
  ['split rate', (m) => percent(m.splitRate)],
  ['km per order', (m) => m.kmPerOrder.toFixed(1)],
  ['km per shipment', (m) => m.kmPerShipment.toFixed(1)],
  ['max store load/capacity', (m) => m.maxStoreLoadRatio.toFixed(2)],
  ['store load Gini', (m) => m.storeLoadGini.toFixed(3)],
  ['DC lines/capacity', (m) => m.dcLoadRatio.toFixed(3)],
  ['decisions/s', (m) => `${Math.round(m.decisionsPerSecond)}`],
  ['p50 / p99 ms', (m) => `${m.p50Ms.toFixed(2)} / ${m.p99Ms.toFixed(2)}`],
];

/** A plain-text comparison of the runs and the greedy baseline, with the quality verdict and what went unserved. */
export const formatSimulationReport = (report: SimulationReport): string => {
  const columns = [...report.runs, report.baseline];
  const table = [
    ['', ...columns.map((m) => m.label)],
    ...ROWS.map(([name, cell]) => [name, ...columns.map(cell)]),
  ];
  const widths = table[0]?.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length))) ?? [];
  const lines = [
    `Sourcing simulation: ${report.orders} orders over ${report.stores} stores and ` +
      `${report.locations - report.stores} DC${report.locations - report.stores === 1 ? '' : 's'}` +
      (report.seed === null ? '' : ` (network seed ${report.seed})`),
    '',
    ...table.map((row) =>
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join('   '),
    ),
    '',
    `Against the greedy baseline (target: fewer shipments per order, at most ${percent(MAX_EXTRA_KM_SHARE)} more km per order):`,
    ...report.runs.map((run) => `  ${verdict(run, report.baseline)}`),
    '',
    'Unfulfillable orders:',
    ...columns.map((m) => `  ${m.label}: ${unserved(m)}`),
  ];
  return lines.join('\n');
};

const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;
const change = (value: number, base: number): string => {
  const delta = base === 0 ? 0 : value / base - 1;
  return `${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(1)} %`;
};

const verdict = (run: SimulationMetrics, baseline: SimulationMetrics): string => {
  const fewer = run.shipmentsPerOrder < baseline.shipmentsPerOrder;
  const withinKm = run.kmPerOrder <= baseline.kmPerOrder * (1 + MAX_EXTRA_KM_SHARE);
  return (
    `${run.label}: shipments per order ${change(run.shipmentsPerOrder, baseline.shipmentsPerOrder)}, ` +
    `km per order ${change(run.kmPerOrder, baseline.kmPerOrder)}, ` +
    `km per shipment ${change(run.kmPerShipment, baseline.kmPerShipment)} -> ` +
    (fewer && withinKm
      ? 'meets the target'
      : `misses the target (${fewer ? 'too many km' : 'not fewer shipments'})`)
  );
};

const unserved = (m: SimulationMetrics): string => {
  if (m.unfulfillable.length === 0) return 'none';
  const byReason = new Map<string, string[]>();
  for (const { orderId, reason } of m.unfulfillable)
    byReason.set(reason, [...(byReason.get(reason) ?? []), orderId]);
  return [...byReason]
    .map(
      ([reason, ids]) =>
        `${reason} ${ids.length} (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`,
    )
    .join('; ');
};
