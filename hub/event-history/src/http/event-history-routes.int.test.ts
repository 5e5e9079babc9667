import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import { createHttpApp, type HttpApp } from '@omnistream/http';
import { createLogger } from '@omnistream/observability';
import { testDatabases, type OpenedTestDatabase } from '@omnistream/testing';
import { createEventHistory } from '../create-event-history.js';
import { eventHistorySchema } from '../event-history-schema.js';
import { publicEvent } from '../message.fixture.js';
import { eventHistoryRoutes } from './event-history-routes.js';

interface EventBody {
  id: string;
  payload: unknown;
  occurredAt: string;
  hops: { hop: string; outcome: string; at: string }[];
}

describe.each(testDatabases())('the event history API on $name', (target) => {
  let opened: OpenedTestDatabase;
  let app: HttpApp;
  beforeAll(async () => {
    opened = await target.open({ migrations: [...platformMigrations, eventHistorySchema] });
    const history = createEventHistory({ db: opened.db });
    app = await createHttpApp({ logger: createLogger({ level: 'silent' }) });
    await app.register(eventHistoryRoutes, { history, prefix: '/v1' });
    await history.index([
      publicEvent('e-1', {
        at: '2026-01-01T10:00:00Z',
        correlationId: 'c-1',
        data: { customer: { id: 42 }, status: 'paid' },
      }),
      publicEvent('e-2', {
        at: '2026-01-01T10:00:01Z',
        correlationId: 'c-1',
        causationId: 'e-1',
        data: { customer: { id: 42 }, status: 'open' },
      }),
      publicEvent('e-3', {
        at: '2026-01-01T10:00:02Z',
        topic: 'shipments.shipment',
        data: { customer: { id: '42' } },
      }),
    ]);
    await history.recordHops([
      {
        eventId: 'e-2',
        hop: 'consumer',
        component: 'billing',
        outcome: 'delivered',
        at: new Date('2026-01-01T10:00:05Z'),
      },
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await opened?.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url: `/v1${url}` });

  it('searches with filters, newest first', async () => {
    const all = await get('/hub/events');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json<{ events: EventBody[] }>().events.map((e) => e.id)).toEqual(['e-3', 'e-2', 'e-1']);
    const filtered = await get(
      '/hub/events?topic=orders.order&correlationId=c-1&from=2026-01-01T10:00:00Z&to=2026-01-01T10:00:01Z',
    );
    expect(filtered.json<{ events: EventBody[] }>().events.map((e) => e.id)).toEqual(['e-1']);
  });

  it('filters on payload fields, once or repeated, with JSON or text values', async () => {
    const ids = async (query: string) =>
      (await get(`/hub/events?${query}`)).json<{ events: EventBody[] }>().events.map((e) => e.id);
    expect(await ids('field=customer.id=42')).toEqual(['e-2', 'e-1']);
    expect(await ids(`field=${encodeURIComponent('customer.id="42"')}`)).toEqual(['e-3']);
    expect(await ids('field=customer.id=42&field=status=paid')).toEqual(['e-1']);
  });

  it('pages with the cursor it hands out', async () => {
    const first = await get('/hub/events?limit=2');
    const page = first.json<{ events: EventBody[]; nextCursor: string }>();
    expect(page.events.map((e) => e.id)).toEqual(['e-3', 'e-2']);
    const second = await get(`/hub/events?limit=2&cursor=${page.nextCursor}`);
    expect(second.json<{ events: EventBody[] }>().events.map((e) => e.id)).toEqual(['e-1']);
    expect(second.json()).not.toHaveProperty('nextCursor');
  });

  it('answers 400 with a code and a message a person can act on for bad input', async () => {
    const cases: [string, string][] = [
      ['/hub/events?from=yesterday', 'INVALID_EVENT_SEARCH_TIME'],
      ['/hub/events?from=2026-02-01&to=2026-01-01', 'INVALID_EVENT_SEARCH_TIME'],
      ['/hub/events?cursor=not-a-cursor', 'INVALID_EVENT_SEARCH_CURSOR'],
      ['/hub/events?field=customer.id', 'INVALID_FIELD_FILTER'],
      ['/hub/events?field=a..b=1', 'INVALID_FIELD_FILTER'],
      ['/hub/events?limit=0', 'VALIDATION_FAILED'],
      ['/hub/events?limit=501', 'VALIDATION_FAILED'],
      ['/hub/events?limit=ten', 'VALIDATION_FAILED'],
      ['/hub/events?colour=red', 'VALIDATION_FAILED'],
    ];
    for (const [url, code] of cases) {
      const answer = await get(url);
      expect(answer.statusCode, url).toBe(400);
      expect(answer.json<{ code: string; detail: string }>(), url).toMatchObject({ code });
      expect(answer.json<{ detail: string }>().detail.length, url).toBeGreaterThan(10);
    }
  });

  it('shows one event with its hops, and answers 404 for an unknown one', async () => {
    const shown = await get('/hub/events/e-2');
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({
      id: 'e-2',
      causationId: 'e-1',
      schemaId: 7,
      payload: { customer: { id: 42 }, status: 'open' },
      occurredAt: '2026-01-01T10:00:01.000Z',
      hops: [
        { hop: 'relay', outcome: 'published', at: '2026-01-01T10:00:01.000Z' },
        { hop: 'consumer', component: 'billing', outcome: 'delivered', at: '2026-01-01T10:00:05.000Z' },
      ],
    });
    const missing = await get('/hub/events/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'HUB_EVENT_NOT_FOUND' });
  });

  it('answers a journey in causal order, and 404 for an unknown correlation id', async () => {
    const journey = await get('/hub/journeys/c-1');
    expect(journey.statusCode, journey.body).toBe(200);
    const body = journey.json<{ correlationId: string; events: EventBody[]; truncated: boolean }>();
    expect(body.correlationId).toBe('c-1');
    expect(body.truncated).toBe(false);
    expect(body.events.map((e) => [e.id, e.hops.map((h) => h.outcome)])).toEqual([
      ['e-1', ['published']],
      ['e-2', ['published', 'delivered']],
    ]);
    const missing = await get('/hub/journeys/nobody');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'JOURNEY_NOT_FOUND' });
  });
});
