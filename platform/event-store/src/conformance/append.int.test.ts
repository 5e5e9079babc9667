import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError, uuidV7 } from '@omnistream/kernel';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createEventStore, type EventStore } from '../index.js';

const rejection = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a rejection');
};

describe.each(testDatabases())('appending on $name', (target) => {
  let opened: OpenedTestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    opened = await target.open();
    store = createEventStore(opened.db);
  });
  afterAll(async () => {
    await store.close();
    await opened.close();
  });

  const placed = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ type: 'LinePlaced', data: { line: i } }));

  it('numbers the events of a stream from 1 and returns them with their coordinates', async () => {
    const result = await store.append('order-a1', placed(3), { expectedVersion: 'no_stream' });
    expect(result.nextExpectedVersion).toBe(3);
    expect(result.events.map((e) => e.version)).toEqual([1, 2, 3]);
    const read = await store.readStream('order-a1');
    expect(read.map((e) => [e.id, e.version, e.globalPosition])).toEqual(
      result.events.map((e) => [e.id, e.version, e.globalPosition]),
    );
  });

  it('enforces no_stream: a second writer learns the actual version', async () => {
    await store.append('order-a2', placed(2), { expectedVersion: 'no_stream' });
    expect(await rejection(store.append('order-a2', placed(1), { expectedVersion: 'no_stream' }))).toEqual({
      code: 'STREAM_VERSION_CONFLICT',
      details: { streamId: 'order-a2', expectedVersion: 'no_stream', actualVersion: 2 },
    });
  });

  it('enforces stream_exists', async () => {
    expect(
      (await rejection(store.append('order-a3', placed(1), { expectedVersion: 'stream_exists' }))).details,
    ).toMatchObject({ actualVersion: 0 });
    await store.append('order-a3', placed(1));
    expect(
      (await store.append('order-a3', placed(1), { expectedVersion: 'stream_exists' })).nextExpectedVersion,
    ).toBe(2);
  });

  it('enforces an exact version, including 0 for a stream that does not exist', async () => {
    expect((await store.append('order-a4', placed(1), { expectedVersion: 0 })).nextExpectedVersion).toBe(1);
    expect(
      (await rejection(store.append('order-a4', placed(1), { expectedVersion: 0 }))).details,
    ).toMatchObject({ actualVersion: 1 });
    expect(
      (await rejection(store.append('order-a4', placed(1), { expectedVersion: 5 }))).details,
    ).toMatchObject({ actualVersion: 1 });
    expect((await store.append('order-a4', placed(1), { expectedVersion: 1 })).nextExpectedVersion).toBe(2);
  });

  it('appends anywhere with any', async () => {
    await store.append('order-a5', placed(1), { expectedVersion: 'any' });
    expect((await store.append('order-a5', placed(2))).nextExpectedVersion).toBe(3);
  });

  it('treats re-appending stored event ids as a no-op that reports the current version', async () => {
    const events = placed(2).map((e) => ({ ...e, id: uuidV7() }));
    await store.append('order-a6', events, { expectedVersion: 'no_stream' });
    await store.append('order-a6', placed(1));
    const again = await store.append('order-a6', events, { expectedVersion: 'no_stream' });
    expect(again).toMatchObject({ duplicate: true, nextExpectedVersion: 3, events: [] });
    expect(await store.readStream('order-a6')).toHaveLength(3);
  });

  it('refuses ids stored elsewhere, and writes nothing of that append', async () => {
    const [first] = (await store.append('order-a7', placed(1))).events;
    const mixed = [
      { type: 'LinePlaced', data: {} },
      { id: first?.id as string, type: 'LinePlaced', data: {} },
    ];
    expect((await rejection(store.append('order-a8', mixed))).code).toBe('EVENT_ID_CONFLICT');
    expect(
      (
        await rejection(
          store.append('order-a7', [
            { id: first?.id as string, type: 'X', data: {} },
            { type: 'Y', data: {} },
          ]),
        )
      ).code,
    ).toBe('EVENT_ID_CONFLICT');
    expect(await store.streamVersion('order-a8')).toBe(0);
    expect(await store.readStream('order-a7')).toHaveLength(1);
  });

  it('returns what it stored: one event alone and several together, as the stream and the feed read them', async () => {
    const one = await store.append('order-d1', placed(1), { expectedVersion: 'no_stream' });
    const three = await store.append('order-d1', placed(3), { expectedVersion: 1 });
    const returned = [...one.events, ...three.events];
    const stored = await store.readStream('order-d1');
    expect(stored).toEqual(returned);
    const first = returned[0];
    if (first === undefined) throw new Error('nothing appended');
    const feed = await store.readFeed(
      { transactionId: first.transactionId, globalPosition: first.globalPosition - 1n },
      { limit: 100_000 },
    );
    expect(feed.events.filter((e) => e.streamId === 'order-d1')).toEqual(returned);
    for (const event of returned)
      expect(event.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('treats one re-appended event as a no-op, whatever the expected version, and refuses its id elsewhere', async () => {
    const event = { id: uuidV7(), type: 'LinePlaced', data: { line: 1 } };
    const [stored] = (await store.append('order-d2', [event], { expectedVersion: 'no_stream' })).events;
    await store.append('order-d2', placed(1), { expectedVersion: 1 });
    for (const expectedVersion of ['no_stream', 'any', 1] as const)
      expect(await store.append('order-d2', [event], { expectedVersion })).toEqual({
        streamId: 'order-d2',
        nextExpectedVersion: 2,
        events: [],
        duplicate: true,
      });
    expect(await rejection(store.append('order-d3', [event]))).toMatchObject({ code: 'EVENT_ID_CONFLICT' });
    expect(await store.streamVersion('order-d3')).toBe(0);
    expect((await store.readStream('order-d2')).map((e) => e.id)).toEqual([stored?.id, expect.any(String)]);
  });

  it('refuses an append that is not the first write of its transaction, and the transaction writes nothing', async () => {
    const outcome = await rejection(
      store.transaction(async (tx) => {
        await tx.query("insert into omnistream.subscriptions (name) values ('appends-come-first')");
        await store.appendInTransaction(tx, [{ streamId: 'order-d4', events: placed(1) }]);
      }),
    );
    expect(outcome.code).toBe('APPEND_NOT_FIRST_WRITE');
    expect(await store.streamVersion('order-d4')).toBe(0);
    expect(
      await opened.db.query("select 1 from omnistream.subscriptions where name = 'appends-come-first'"),
    ).toEqual([]);
  });

  it('reads forwards and backwards from a version', async () => {
    await store.append('order-a9', placed(10));
    expect((await store.readStream('order-a9', { from: 4, maxCount: 3 })).map((e) => e.version)).toEqual([
      4, 5, 6,
    ]);
    expect(
      (await store.readStream('order-a9', { direction: 'backwards', from: 4 })).map((e) => e.version),
    ).toEqual([4, 3, 2, 1]);
    expect(
      (await store.readStream('order-a9', { direction: 'backwards', maxCount: 2 })).map((e) => e.version),
    ).toEqual([10, 9]);
    expect(await store.readStream('order-nothing')).toEqual([]);
  });

  it('reads a stream inside a transaction, seeing what that transaction appended', async () => {
    const seen = await store.transaction(async (tx) => {
      await store.appendInTransaction(tx, [
        { streamId: 'order-a10', events: placed(2), expectedVersion: 'no_stream' },
      ]);
      return store.readStream('order-a10', { in: tx });
    });
    expect(seen.map((e) => e.version)).toEqual([1, 2]);
  });

  it('appends to several streams atomically: one conflict writes none of them', async () => {
    await store.append('order-b1', placed(1));
    const failure = await rejection(
      store.appendMany([
        { streamId: 'order-b2', events: placed(1), expectedVersion: 'no_stream' },
        { streamId: 'order-b1', events: placed(1), expectedVersion: 'no_stream' },
      ]),
    );
    expect(failure.code).toBe('STREAM_VERSION_CONFLICT');
    expect(await store.streamVersion('order-b2')).toBe(0);
    const ok = await store.appendMany([
      { streamId: 'order-b2', events: placed(1), expectedVersion: 'no_stream' },
      { streamId: 'order-b1', events: placed(1), expectedVersion: 1 },
    ]);
    expect(ok.map((r) => r.nextExpectedVersion)).toEqual([1, 2]);
  });

  it('keeps each append exact inside a group commit: neighbours of a conflict still commit', async () => {
    // One batch in flight at a time: the first append goes alone, the next four queue up and share a transaction.
    const grouped = createEventStore(opened.db, { groupCommit: { maxConcurrentBatches: 1 } });
    const [, ...outcomes] = await Promise.allSettled([
      grouped.append('order-c0', placed(1)),
      grouped.append('order-c1', placed(1), { expectedVersion: 'no_stream' }),
      grouped.append('order-c1', placed(1), { expectedVersion: 'no_stream' }),
      grouped.append('order-c2', placed(1), { expectedVersion: 'no_stream' }),
      grouped.append('order-c1', placed(1), { expectedVersion: 1 }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(await store.streamVersion('order-c1')).toBe(2);
    const [c1, c2] = [await store.readStream('order-c1'), await store.readStream('order-c2')];
    expect(c1[0]?.transactionId).toBe(c2[0]?.transactionId); // they did share one transaction
    await grouped.close();
  });

  it('writes a group of appends that start new streams in one statement, each with its own coordinates', async () => {
    const grouped = createEventStore(opened.db, { groupCommit: { maxConcurrentBatches: 1 } });
    const [, ...results] = await Promise.all([
      grouped.append('order-n0', placed(1)),
      grouped.append('order-n1', placed(3), { expectedVersion: 'no_stream' }),
      grouped.append('order-n2', placed(1), { expectedVersion: 0 }),
      grouped.append('order-n3', placed(2), { expectedVersion: 'no_stream' }),
    ]);
    expect(results.map((r) => r.events.map((e) => e.version))).toEqual([[1, 2, 3], [1], [1, 2]]);
    const positions = results.flatMap((r) => r.events.map((e) => e.globalPosition));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions); // batch and version order
    expect(new Set(results.map((r) => r.events[0]?.transactionId)).size).toBe(1);
    for (const result of results)
      expect(
        (await store.readStream(result.streamId)).map((e) => [e.id, e.globalPosition, e.recordedAt]),
      ).toEqual(result.events.map((e) => [e.id, e.globalPosition, e.recordedAt]));
    await grouped.close();
  });

  it('sorts out a group of new-stream appends that meets an existing stream, a retry and a repeated stream', async () => {
    const grouped = createEventStore(opened.db, { groupCommit: { maxConcurrentBatches: 1 } });
    const stored = await store.append('order-m1', placed(2), { expectedVersion: 'no_stream' });
    const [, ...outcomes] = await Promise.allSettled([
      grouped.append('order-m0', placed(1)),
      grouped.append('order-m1', placed(1), { expectedVersion: 'no_stream' }), // exists: conflict
      grouped.append('order-m1', stored.events, { expectedVersion: 'no_stream' }), // a retry: no-op
      grouped.append('order-m2', placed(2), { expectedVersion: 'no_stream' }),
      grouped.append('order-m2', placed(1), { expectedVersion: 'no_stream' }), // second in one group: conflict
      grouped.append('order-m3', placed(1), { expectedVersion: 'no_stream' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(
      outcomes[0]?.status === 'rejected' && isDomainError(outcomes[0].reason, 'STREAM_VERSION_CONFLICT'),
    ).toBe(true);
    expect(outcomes[1]?.status === 'fulfilled' && outcomes[1].value.duplicate).toBe(true);
    expect([
      await store.streamVersion('order-m1'),
      await store.streamVersion('order-m2'),
      await store.streamVersion('order-m3'),
    ]).toEqual([2, 2, 1]);
    await grouped.close();
  });
});
