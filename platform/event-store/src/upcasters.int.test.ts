import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createEventStore, type EventStore } from './event-store.js';
import { FEED_START } from './feed.js';
import { priceUpcasters } from './upcasters.fixture.js';

describe.each(testDatabases())('upcasting on read on $name', (database) => {
  let opened: OpenedTestDatabase;
  let writer: EventStore;
  let reader: EventStore;

  beforeAll(async () => {
    opened = await database.open();
    writer = createEventStore(opened.db);
    reader = createEventStore(opened.db, { upcasters: priceUpcasters });
    await writer.append('item-1', [
      { type: 'PriceSet', data: { amount: 12.5 }, metadata: { schemaVersion: 1, correlationId: 'corr-1' } },
      { type: 'PriceChanged', data: { amountMinor: 999, currency: 'SEK' }, metadata: { schemaVersion: 3 } },
      { type: 'StockReceived', data: { quantity: 2 }, metadata: { schemaVersion: 1 } },
    ]);
  });
  afterAll(async () => {
    await writer.close();
    await reader.close();
    await opened.close();
  });

  const expected = [
    {
      version: 1,
      type: 'PriceChanged',
      data: { amountMinor: 1250, currency: 'EUR' },
      metadata: { schemaVersion: 3, correlationId: 'corr-1' },
    },
    {
      version: 2,
      type: 'PriceChanged',
      data: { amountMinor: 999, currency: 'SEK' },
      metadata: { schemaVersion: 3 },
    },
    { version: 3, type: 'StockReceived', data: { quantity: 2 }, metadata: { schemaVersion: 1 } },
  ];
  const shape = (events: readonly { version: number; type: string; data: unknown; metadata: unknown }[]) =>
    events.map(({ version, type, data, metadata }) => ({ version, type, data, metadata }));

  it('returns old events in their current shape from readStream', async () =>
    expect(shape(await reader.readStream('item-1'))).toEqual(expected));

  it('upcasts backwards reads and reads from a version too', async () => {
    expect(shape(await reader.readStream('item-1', { direction: 'backwards' }))).toEqual(
      [...expected].reverse(),
    );
    expect(shape(await reader.readStream('item-1', { from: 2 }))).toEqual(expected.slice(1));
  });

  it('returns old events in their current shape from readFeed', async () =>
    expect(shape((await reader.readFeed(FEED_START)).events)).toEqual(expected));

  it('leaves the stored events as they were written', async () => {
    expect((await writer.readStream('item-1'))[0]).toMatchObject({
      type: 'PriceSet',
      data: { amount: 12.5 },
      metadata: { schemaVersion: 1 },
    });
    const rows = await opened.db.query<{ type: string }>(
      `select type from omnistream.events where stream_id = 'item-1' order by version`,
    );
    expect(rows.map((r) => r.type)).toEqual(['PriceSet', 'PriceChanged', 'StockReceived']);
  });
});
