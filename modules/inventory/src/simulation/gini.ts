/**
 * The Gini coefficient of non-negative values: 0 when all are equal, towards 1 when one holds everything. Uses the
 * sorted-values form G = 2·Σ i·x(i) / (n·Σ x) − (n + 1) / n with i from 1 (Damgaard and Weiner, "Describing
 * inequality in plant size or fecundity", Ecology 81(4), 2000). 0 for no values or an all-zero set.
 */
export const gini = (values: readonly number[]): number => {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  // Exactly 0 for an even spread, which the formula would miss by a rounding error.
  if (n === 0 || sorted[0] === sorted[n - 1]) return 0;
  let sum = 0;
  let weighted = 0;
  sorted.forEach((value, i) => {
    sum += value;
    weighted += (i + 1) * value;
  });
  return n === 0 || sum === 0 ? 0 : (2 * weighted) / (n * sum) - (n + 1) / n;
};
