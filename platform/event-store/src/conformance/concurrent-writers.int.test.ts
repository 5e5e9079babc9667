import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '@omnistream/kernel';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createEventStore, openPostgresDatabase, type Database, type EventStore } from '../index.js';

const WRITERS = 64;

describe.each(testDatabases())('64 concurrent writers on one stream, $name', (target) => {
  let opened: OpenedTestDatabase;
  const pools: Database[] = [];
  let stores: EventStore[];
  beforeAll(async () => {
    opened = await target.open();
    // On a server, writers are spread over separate pools (as separate processes would be), so the SQL locking
    // is what keeps versions exact, not the in-process group committer.
    if (opened.config.kind === 'postgres')
      for (let i = 0; i < 3; i += 1)
        pools.push(await openPostgresDatabase({ url: opened.config.url, maxConnections: 8 }));
    stores = [opened.db, ...pools].map((db) => createEventStore(db));
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    for (const pool of pools) await pool.close();
    await opened.close();
  });

  const storeFor = (writer: number) => stores[writer % stores.length] as EventStore;

  it('lets exactly one writer win each version; every loser learns the actual version', async () => {
    const stream = 'account-race';
    for (let round = 0; round < 8; round += 1) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: WRITERS }, (_, writer) =>
          storeFor(writer).append(stream, [{ type: 'Deposited', data: { writer, round } }], {
            expectedVersion: round,
          }),
        ),
      );
      const winners = outcomes.filter((o) => o.status === 'fulfilled');
      const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(WRITERS - 1);
      for (const loser of losers) {
        expect(isDomainError(loser, 'STREAM_VERSION_CONFLICT')).toBe(true);
        expect((loser as { details: { actualVersion: number } }).details.actualVersion).toBe(round + 1);
      }
    }
    const events = await storeFor(0).readStream(stream);
    expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('races creators (no_stream) with appenders (any) on new streams: every any lands, one creator at most', async () => {
    for (let round = 0; round < 4; round += 1) {
      const stream = `account-create-${round}`;
      const outcomes = await Promise.allSettled(
        Array.from({ length: WRITERS }, (_, writer) =>
          storeFor(writer).append(stream, [{ type: 'Deposited', data: { writer } }], {
            expectedVersion: writer % 2 === 0 ? 'no_stream' : 'any',
          }),
        ),
      );
      const appenders = outcomes.filter((_, writer) => writer % 2 === 1);
      const creators = outcomes.filter((_, writer) => writer % 2 === 0);
      expect(appenders.every((o) => o.status === 'fulfilled')).toBe(true);
      const created = creators.filter((o) => o.status === 'fulfilled');
      expect(created.length).toBeLessThanOrEqual(1);
      for (const o of creators)
        if (o.status === 'rejected') expect(isDomainError(o.reason, 'STREAM_VERSION_CONFLICT')).toBe(true);
      const events = await storeFor(0).readStream(stream);
      expect(events.map((e) => e.version)).toEqual(
        Array.from({ length: WRITERS / 2 + created.length }, (_, i) => i + 1),
      );
      // A creator that won wrote version 1: nothing was there before it.
      if (created[0]?.status === 'fulfilled') expect(created[0].value.events[0]?.version).toBe(1);
    }
  });

  it('writes every version exactly once when writers retry until each has written its share', async () => {
    const stream = 'account-retry';
    const perWriter = 3;
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        const store = storeFor(writer);
        for (let written = 0; written < perWriter;) {
          const version = await store.streamVersion(stream);
          try {
            await store.append(stream, [{ type: 'Deposited', data: { writer, n: written } }], {
              expectedVersion: version,
            });
            written += 1;
          } catch (error) {
            if (!isDomainError(error, 'STREAM_VERSION_CONFLICT')) throw error;
            const actual = (error.details as { actualVersion: number }).actualVersion;
            expect(actual).toBeGreaterThan(version);
            conflicts += 1;
          }
        }
      }),
    );
    const events = await storeFor(0).readStream(stream);
    expect(events.map((e) => e.version)).toEqual(
      Array.from({ length: WRITERS * perWriter }, (_, i) => i + 1),
    );
    const perWriterCount = new Map<number, number>();
    for (const event of events) {
      const { writer } = event.data as { writer: number };
      perWriterCount.set(writer, (perWriterCount.get(writer) ?? 0) + 1);
    }
    expect([...perWriterCount.values()].every((n) => n === perWriter)).toBe(true);
    expect(perWriterCount.size).toBe(WRITERS);
    expect(conflicts).toBeGreaterThan(0);
  });
});
