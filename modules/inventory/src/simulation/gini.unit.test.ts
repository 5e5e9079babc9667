import { describe, expect, it } from 'vitest';
import { gini } from './gini.js';

describe('gini', () => {
  it('is 0 when every store carries the same share of its capacity', () =>
    expect(gini([0.4, 0.4, 0.4])).toBe(0));
  it('is (n - 1) / n when one store carries all the work', () =>
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75, 12));
  it('is 0 for no stores or no work', () => {
    expect(gini([])).toBe(0);
    expect(gini([0, 0])).toBe(0);
  });
  it('does not depend on order', () => expect(gini([0.1, 0.9, 0.5])).toBeCloseTo(gini([0.9, 0.5, 0.1]), 12));
});
