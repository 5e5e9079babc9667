/** The nearest-rank percentile (0 < p <= 100) of unsorted samples; 0 for none. */
export const percentile = (samples: readonly number[] | Float64Array, p: number): number => {
  if (samples.length === 0) return 0;
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
};
