import { describe, expect, it } from 'vitest';
import { snapshotDue } from './snapshot-due.js';

describe('snapshotDue', () => {
  it('is due when an append lands exactly on a multiple', () => expect(snapshotDue(10, 9, 10)).toBe(true));
  it('is due when a multi-event append jumps over a multiple', () =>
    expect(snapshotDue(10, 8, 13)).toBe(true));
  it('is not due between multiples', () => expect(snapshotDue(10, 10, 19)).toBe(false));
  it('is not due for a new stream shorter than every', () => expect(snapshotDue(10, 0, 3)).toBe(false));
  it('is due on every append when every is 1', () => expect(snapshotDue(1, 41, 42)).toBe(true));
});
