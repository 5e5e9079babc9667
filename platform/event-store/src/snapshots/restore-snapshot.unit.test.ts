import { describe, expect, it } from 'vitest';
import { restoreSnapshot } from './restore-snapshot.js';

describe('restoreSnapshot', () => {
  it('resumes from the stored state and version when the shape version matches', () =>
    expect(
      restoreSnapshot({ every: 10, version: 3 }, { version: 40, snapshotVersion: 3, state: { n: 1 } }),
    ).toEqual({ state: { n: 1 }, version: 40 }));

  it('ignores a snapshot written for another shape version', () =>
    expect(
      restoreSnapshot({ every: 10, version: 3 }, { version: 40, snapshotVersion: 2, state: { n: 1 } }),
    ).toBeUndefined());

  it('reads the stored JSON through fromJSON', () => {
    const policy = { every: 10, version: 1, fromJSON: (json: unknown) => new Set(json as string[]) };
    expect(restoreSnapshot(policy, { version: 10, snapshotVersion: 1, state: ['a', 'b'] })?.state).toEqual(
      new Set(['a', 'b']),
    );
  });
});
