import type { SeededRandom } from './seeded-random.js';

/** Draws index i with probability weights[i] / sum(weights), by binary search over the cumulative weights. */
export const weightedSampler = (weights: readonly number[]): ((random: SeededRandom) => number) => {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((weight, i) => {
    sum += weight;
    cumulative[i] = sum;
  });
  return (random) => {
    const target = random.next() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    return low;
  };
};
