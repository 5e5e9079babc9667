/** A seeded source of uniform numbers in [0, 1) with the few draws the generators need. */
export interface SeededRandom {
  next(): number;
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  /** A standard normal draw (Box–Muller). */
  normal(): number;
  chance(probability: number): boolean;
}

/**
 * mulberry32 by Tommy Ettinger (public domain, https://gist.github.com/tommyettinger/46a874533244883189143505d203312c):
 * a 32-bit state generator, fast and good enough for test data (it passes gjrand's tests up to 32 GB). Not for
 * anything secret. The same seed gives the same data set on every machine, which is the point.
 */
export const seededRandom = (seed: number): SeededRandom => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    // Box–Muller (Box and Muller, "A note on the generation of random normal deviates", 1958); 1 - u avoids log(0).
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    chance: (probability) => next() < probability,
  };
};
