import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, isDomainError } from '@omnistream/kernel';
import { platformMigrations } from '@omnistream/event-store';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createEventHistory, type EventHistory } from './create-event-history.js';
import { eventHistorySchema } from './event-history-schema.js';
import { HOP_COMPONENT_HEADER, HOP_HEADER } from './hop-headers.js';
import { message, plainJson, publicEvent, wireFormat } from './message.fixture.js';
import type { EventSearch } from './search-events.js';

const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return 'no error';
};

describe.each(testDatabases())('the event history on $name', (database) => {
  let opened: OpenedTestDatabase;
  let history: EventHistory;
  const clock = fixedClock('2026-02-01T00:00:00Z');

  beforeEach(async () => {
    opened = await database.open({ migrations: [...platformMigrations, eventHistorySchema] });
    history = createEventHistory({ db: opened.db, clock });
  });
  afterEach(async () => {
    await opened.close();
  });

  const count = async (table: string) =>
    Number(
      (await opened.db.query<{ n: string }>(`select count(*)::text as n from omnistream.${table}`))[0]?.n,
    );

  it('indexes a public event in the wire format with its headers, schema id and publishing hop', async () => {
    await history.index([
      publicEvent('evt-1', {
        correlationId: 'corr-1',
        causationId: 'cmd-1',
        data: { orderId: 'order-1', total: { amount: 1250, currency: 'EUR' } },
      }),
    ]);
    expect(await history.get('evt-1')).toEqual({
      id: 'evt-1',
      topic: 'orders.order',
      partition: 0,
      offset: expect.stringMatching(/^\d+$/) as unknown,
      key: 'order-1',
      type: 'OrderPlaced',
      occurredAt: new Date('2026-01-01T10:00:00.000Z'),
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      headers: {
        'event-id': 'evt-1',
        'event-type': 'OrderPlaced',
        'correlation-id': 'corr-1',
        'causation-id': 'cmd-1',
      },
      payload: { orderId: 'order-1', total: { amount: 1250, currency: 'EUR' } },
      payloadSize: wireFormat(7, { orderId: 'order-1', total: { amount: 1250, currency: 'EUR' } }).byteLength,
      schemaId: 7,
      indexedAt: new Date('2026-02-01T00:00:00Z'),
      hops: [
        {
          hop: 'relay',
          component: 'orders.order',
          outcome: 'published',
          attempt: null,
          error: null,
          at: new Date('2026-01-01T10:00:00.000Z'),
        },
      ],
    });
  });

  it('indexes proxied records: plain JSON, binary and a null key, named by their coordinates', async () => {
    await history.index([
      message({
        topic: 'pos.sale',
        partition: 2,
        offset: '41',
        key: 's-1',
        value: plainJson({ saleId: 's-1' }),
      }),
      message({
        topic: 'pos.sale',
        partition: 2,
        offset: '42',
        key: null as unknown as string, // Kafka's null key, once the bus carries it
        value: new Uint8Array([0xff, 0x00, 0x13]),
        headers: { type: 'SaleRecorded', [HOP_COMPONENT_HEADER]: 'api-key-7' },
      }),
    ]);
    const json = await history.get('pos.sale/2/41');
    expect(json).toMatchObject({ payload: { saleId: 's-1' }, schemaId: null, type: null, offset: '41' });
    expect(json?.hops.map((h) => [h.hop, h.component, h.outcome])).toEqual([
      ['proxy', 'pos.sale', 'published'],
    ]);
    const binary = await history.get('pos.sale/2/42');
    expect(binary).toMatchObject({
      payload: null,
      payloadSize: 3,
      schemaId: null,
      key: null,
      type: 'SaleRecorded',
    });
    expect(binary?.hops.map((h) => [h.hop, h.component])).toEqual([['proxy', 'api-key-7']]);
  });

  it('takes the publishing hop from the hop header, and survives headers PostgreSQL cannot store', async () => {
    await history.index([
      message({
        offset: '9',
        headers: {
          'event-id': 'from-connector',
          [HOP_HEADER]: 'connector',
          [HOP_COMPONENT_HEADER]: 'crm-source',
        },
      }),
      message({ offset: '10', headers: { 'event-id': 'odd', note: 'a\u0000b', [HOP_HEADER]: 'teleport' } }),
    ]);
    expect((await history.get('from-connector'))?.hops).toMatchObject([
      { hop: 'connector', component: 'crm-source' },
    ]);
    const odd = await history.get('odd');
    expect(odd?.headers.note).toBe('a\ufffdb');
    expect(odd?.hops).toMatchObject([{ hop: 'relay' }]);
  });

  it('makes indexing the same messages again a no-op, within a batch and across batches', async () => {
    const batch = [publicEvent('evt-1'), publicEvent('evt-2'), publicEvent('evt-1')];
    await history.index(batch);
    await history.index(batch);
    await history.index([]);
    expect(await count('hub_events')).toBe(2);
    expect(await count('hub_event_hops')).toBe(2);
  });

  it('purges events older than a cutoff with their hops, in batches, and keeps the rest', async () => {
    await history.index([
      publicEvent('old-1', { at: '2026-01-01T00:00:00.000Z' }),
      publicEvent('old-2', { at: '2026-01-02T00:00:00.000Z' }),
      publicEvent('new-1', { at: '2026-03-01T00:00:00.000Z' }),
    ]);
    const cutoff = new Date('2026-02-01T00:00:00.000Z');
    expect(await history.purgeBefore(cutoff, 1)).toBe(1);
    expect(await history.purgeBefore(cutoff, 10)).toBe(1);
    expect(await history.purgeBefore(cutoff, 10)).toBe(0);
    expect(await count('hub_events')).toBe(1);
    expect(await count('hub_event_hops')).toBe(1);
    expect(await history.get('new-1')).toBeDefined();
  });

  it('indexes a batch of 1000 in one call', async () => {
    const batch = Array.from({ length: 1000 }, (_, i) =>
      publicEvent(`bulk-${i}`, { data: { n: i, customer: { id: i % 10 } } }),
    );
    await history.index(batch);
    expect(await count('hub_events')).toBe(1000);
    expect(
      (await history.search({ fields: [{ path: ['customer', 'id'], value: 3 }], limit: 500 })).events,
    ).toHaveLength(100);
  });

  it('records hops once each, and returns them oldest first', async () => {
    await history.index([publicEvent('evt-1', { at: '2026-01-01T10:00:00Z' })]);
    const hops = [
      {
        eventId: 'evt-1',
        hop: 'consumer',
        component: 'billing',
        outcome: 'retried',
        attempt: 1,
        error: 'timeout',
        at: new Date('2026-01-01T10:00:02Z'),
      },
      {
        eventId: 'evt-1',
        hop: 'consumer',
        component: 'billing',
        outcome: 'delivered',
        attempt: 2,
        at: new Date('2026-01-01T10:00:05Z'),
      },
      {
        eventId: 'evt-1',
        hop: 'consumer',
        component: 'shipping',
        outcome: 'delivered',
        at: new Date('2026-01-01T10:00:01Z'),
      },
    ] as const;
    await history.recordHops(hops);
    await history.recordHops(hops);
    await history.recordHops([]);
    const event = await history.get('evt-1');
    expect(event?.hops.map((h) => [h.component, h.outcome, h.attempt, h.error])).toEqual([
      ['orders.order', 'published', null, null],
      ['shipping', 'delivered', null, null],
      ['billing', 'retried', 1, 'timeout'],
      ['billing', 'delivered', 2, null],
    ]);
    expect(await history.get('unknown')).toBeUndefined();
  });

  describe('search', () => {
    beforeEach(async () => {
      await history.index([
        publicEvent('o-1', {
          at: '2026-01-01T10:00:00Z',
          key: 'order-1',
          correlationId: 'c-1',
          data: { customer: { id: 42 }, paid: true },
        }),
        publicEvent('o-2', {
          at: '2026-01-01T11:00:00Z',
          key: 'order-2',
          type: 'OrderPaid',
          correlationId: 'c-2',
          data: { customer: { id: 42 }, paid: false },
        }),
        publicEvent('o-3', {
          at: '2026-01-01T12:00:00Z',
          key: 'order-1',
          type: 'OrderPaid',
          correlationId: 'c-1',
          data: { customer: { id: '42' }, note: null },
        }),
        publicEvent('s-1', {
          at: '2026-01-01T11:30:00Z',
          topic: 'shipments.shipment',
          key: 'shp-1',
          type: 'ShipmentBooked',
          data: { customer: { id: 7 } },
        }),
      ]);
    });
    const ids = async (query: EventSearch) => (await history.search(query)).events.map((e) => e.id);

    it('returns everything newest first without filters', async () => {
      expect(await ids({})).toEqual(['o-3', 's-1', 'o-2', 'o-1']);
    });

    it('filters by topic, key, type and correlation id', async () => {
      expect(await ids({ topic: 'shipments.shipment' })).toEqual(['s-1']);
      expect(await ids({ key: 'order-1' })).toEqual(['o-3', 'o-1']);
      expect(await ids({ type: 'OrderPaid' })).toEqual(['o-3', 'o-2']);
      expect(await ids({ correlationId: 'c-1' })).toEqual(['o-3', 'o-1']);
      expect(await ids({ topic: 'orders.order', key: 'order-1', type: 'OrderPaid' })).toEqual(['o-3']);
    });

    it('filters by a half-open time range', async () => {
      expect(await ids({ from: '2026-01-01T11:00:00Z', to: '2026-01-01T12:00:00Z' })).toEqual(['s-1', 'o-2']);
      expect(await ids({ from: '2026-01-01T11:30:00.000001+00:00' })).toEqual(['o-3']);
      expect(await ids({ to: new Date('2026-01-01T11:00:00Z') })).toEqual(['o-1']);
      expect(await ids({ from: '2026-01-02' })).toEqual([]);
    });

    it('filters by JSON fields, matching type as well as value', async () => {
      expect(await ids({ fields: [{ path: ['customer', 'id'], value: 42 }] })).toEqual(['o-2', 'o-1']);
      expect(await ids({ fields: [{ path: ['customer', 'id'], value: '42' }] })).toEqual(['o-3']);
      expect(
        await ids({
          fields: [
            { path: ['customer', 'id'], value: 42 },
            { path: ['paid'], value: true },
          ],
        }),
      ).toEqual(['o-1']);
      expect(await ids({ fields: [{ path: ['note'], value: null }] })).toEqual(['o-3']);
      expect(
        await ids({ topic: 'shipments.shipment', fields: [{ path: ['customer', 'id'], value: 42 }] }),
      ).toEqual([]);
    });

    it('refuses bad times, ranges, limits and cursors with codes the API answers 400 for', async () => {
      expect(await codeOf(history.search({ from: 'yesterday' }))).toBe('INVALID_EVENT_SEARCH_TIME');
      expect(await codeOf(history.search({ from: '2026-01-01T10:00:00' }))).toBe('INVALID_EVENT_SEARCH_TIME');
      expect(await codeOf(history.search({ from: '2026-02-01', to: '2026-01-01' }))).toBe(
        'INVALID_EVENT_SEARCH_TIME',
      );
      expect(await codeOf(history.search({ limit: 0 }))).toBe('INVALID_EVENT_SEARCH_LIMIT');
      expect(await codeOf(history.search({ limit: 501 }))).toBe('INVALID_EVENT_SEARCH_LIMIT');
      expect(await codeOf(history.search({ cursor: 'nope' }))).toBe('INVALID_EVENT_SEARCH_CURSOR');
    });
  });

  it('pages through events that share timestamps without duplicates or gaps', async () => {
    // 23 events on 5 distinct times, so page boundaries fall inside runs of equal occurred_at.
    const all = Array.from({ length: 23 }, (_, i) =>
      publicEvent(`p-${String(i).padStart(2, '0')}`, {
        at: `2026-01-01T10:00:0${i % 5}.000Z`,
        data: { tenant: i % 2 === 0 ? 'even' : 'odd' },
      }),
    );
    await history.index(all);
    const walk = async (query: EventSearch) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await history.search({ ...query, limit: 4, cursor });
        seen.push(...page.events.map((e) => `${e.occurredAt.toISOString()} ${e.id}`));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== undefined && pages < 50);
      return { seen, pages };
    };
    const everything = await walk({});
    expect(everything.pages).toBe(6);
    expect(everything.seen).toHaveLength(23);
    expect(new Set(everything.seen).size).toBe(23);
    expect(everything.seen).toEqual([...everything.seen].sort().reverse());
    const even = await walk({ fields: [{ path: ['tenant'], value: 'even' }] });
    expect(even.seen).toHaveLength(12);
    expect(new Set(even.seen).size).toBe(12);
  });

  it('follows a journey in causal order, each event with its hops', async () => {
    await history.index([
      // The reaction's host clock is behind: by time alone it would come before its cause.
      publicEvent('paid', {
        correlationId: 'j-1',
        causationId: 'placed',
        at: '2026-01-01T09:59:59Z',
        type: 'OrderPaid',
      }),
      publicEvent('placed', { correlationId: 'j-1', at: '2026-01-01T10:00:00Z' }),
      publicEvent('shipped', { correlationId: 'j-1', causationId: 'paid', at: '2026-01-01T10:00:03Z' }),
      publicEvent('reserved', { correlationId: 'j-1', causationId: 'placed', at: '2026-01-01T10:00:01Z' }),
      publicEvent('elsewhere', { correlationId: 'j-2', at: '2026-01-01T10:00:00Z' }),
    ]);
    await history.recordHops([
      {
        eventId: 'paid',
        hop: 'consumer',
        component: 'shipping',
        outcome: 'retried',
        attempt: 1,
        error: 'boom',
        at: new Date('2026-01-01T10:00:01Z'),
      },
      {
        eventId: 'paid',
        hop: 'consumer',
        component: 'shipping',
        outcome: 'dead-lettered',
        attempt: 5,
        error: 'boom',
        at: new Date('2026-01-01T10:00:09Z'),
      },
      {
        eventId: 'shipped',
        hop: 'connector',
        component: 'warehouse-sink',
        outcome: 'delivered',
        at: new Date('2026-01-01T10:00:04Z'),
      },
    ]);
    const journey = await history.journey('j-1');
    expect(journey.correlationId).toBe('j-1');
    expect(journey.truncated).toBe(false);
    expect(journey.events.map((e) => e.id)).toEqual(['placed', 'paid', 'reserved', 'shipped']);
    expect(journey.events[1]?.hops.map((h) => h.outcome)).toEqual(['published', 'retried', 'dead-lettered']);
    expect(journey.events[3]?.hops.map((h) => [h.hop, h.outcome])).toEqual([
      ['relay', 'published'],
      ['connector', 'delivered'],
    ]);
    expect(await history.journey('unknown')).toEqual({
      correlationId: 'unknown',
      events: [],
      truncated: false,
    });
  });
});
