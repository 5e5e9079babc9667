import { describe, expect, it } from 'vitest';
import { createGroupCommitter, type GroupCommitOptions } from './group-commit.js';

const options: GroupCommitOptions = {
  maxConcurrentBatches: 2,
  smallBatchConcurrency: 1,
  largeBatchEvents: 10,
  maxAppendsPerBatch: 100,
  maxEventsPerBatch: 1_000,
};

/** A writer whose batches finish only when the test says so, recording what it was given. */
const controlledWriter = () => {
  const batches: number[][] = [];
  const release: (() => void)[] = [];
  const write = async (items: readonly number[]) => {
    batches.push([...items]);
    await new Promise<void>((resolve) => release.push(resolve));
    return items.map((item) => (item < 0 ? new Error(`bad ${item}`) : item * 10));
  };
  return { batches, release, write };
};

describe('createGroupCommitter', () => {
  it('writes an append at once when idle, and groups what arrives while a batch is in flight', async () => {
    const writer = controlledWriter();
    const committer = createGroupCommitter(writer.write, options);
    const first = committer.submit(1, 1);
    const queued = [committer.submit(2, 1), committer.submit(3, 1)];
    expect(writer.batches).toEqual([[1]]);
    writer.release.shift()?.();
    expect(await first).toBe(10);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writer.batches).toEqual([[1], [2, 3]]);
    writer.release.shift()?.();
    expect(await Promise.all(queued)).toEqual([20, 30]);
  });

  it('gives each append its own outcome inside a batch', async () => {
    const writer = controlledWriter();
    const committer = createGroupCommitter(writer.write, options);
    const blocker = committer.submit(0, 1);
    const outcomes = Promise.allSettled([
      committer.submit(1, 1),
      committer.submit(-2, 1),
      committer.submit(3, 1),
    ]);
    writer.release.shift()?.();
    await blocker;
    await new Promise((resolve) => setImmediate(resolve));
    expect(writer.batches).toEqual([[0], [1, -2, 3]]);
    writer.release.shift()?.();
    expect((await outcomes).map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('retries every append alone when a whole batch fails, so one bad append fails no neighbour', async () => {
    const seen: number[][] = [];
    const committer = createGroupCommitter<number, number>(
      (items) => {
        seen.push([...items]);
        if (items.length > 1 && items.includes(-1)) return Promise.reject(new Error('constraint'));
        if (items.includes(-1)) return Promise.reject(new Error('still bad alone'));
        return Promise.resolve(items.map((item) => item));
      },
      { ...options, smallBatchConcurrency: 1, maxConcurrentBatches: 1 },
    );
    const blocker = committer.submit(0, 1);
    const outcomes = await Promise.allSettled([
      committer.submit(1, 1),
      committer.submit(-1, 1),
      committer.submit(2, 1),
    ]);
    await blocker;
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(seen).toEqual([[0], [1, -1, 2], [1], [-1], [2]]);
  });

  it('starts an extra batch at once for large appends, up to the concurrency limit', () => {
    const writer = controlledWriter();
    const committer = createGroupCommitter(writer.write, options);
    void committer.submit(1, 1);
    void committer.submit(2, 1); // small: waits behind the first
    expect(writer.batches).toEqual([[1]]);
    void committer.submit(3, 20); // large: worth its own transaction now
    expect(writer.batches).toEqual([[1], [2, 3]]);
    void committer.submit(4, 50);
    expect(writer.batches).toHaveLength(2); // at the hard limit
  });

  it('keeps batches within the event limit', () => {
    const writer = controlledWriter();
    const committer = createGroupCommitter(writer.write, {
      ...options,
      maxConcurrentBatches: 1,
      maxEventsPerBatch: 5,
    });
    void committer.submit(1, 1);
    for (const item of [2, 3, 4]) void committer.submit(item, 2);
    writer.release.shift()?.();
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        expect(writer.batches).toEqual([[1], [2, 3]]);
        resolve();
      }),
    );
  });
});
