/** Zipf weights 1 / rank^exponent for ranks 1..count: a few SKUs sell a lot, a long tail sells little. */
export const zipfWeights = (count: number, exponent: number): number[] =>
  Array.from({ length: count }, (_, i) => 1 / (i + 1) ** exponent);
