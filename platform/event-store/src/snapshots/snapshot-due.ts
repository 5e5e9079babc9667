/**
 * True when an append took the stream from `before` to `after` across a multiple of `every`. Appends of several
 * events can jump over the exact multiple, so "version % every === 0" would miss snapshots.
 */
export const snapshotDue = (every: number, before: number, after: number): boolean =>
  Math.floor(after / every) > Math.floor(before / every);
