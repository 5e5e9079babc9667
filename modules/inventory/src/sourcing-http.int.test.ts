import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { openInventoryApp, type InventoryApp } from './inventory-app.fixture.js';

interface Decision {
  status: string;
  ruleSetId: string;
  ruleSetVersion: number;
  reason?: string;
  shipments: { locationId: string; mode: string }[];
  allocations: { lineId: string; locationId: string }[];
  explanation: {
    excluded: { reasons: string[]; locationIds: string[] }[];
    candidates: { locationId: string }[];
  };
}

const rules = {
  description: 'nearest first',
  weights: { distance: 1, priority: 0, rotation: 0 },
  splitPenalty: 100,
  maxShipments: 3,
  maxDistanceKm: null,
  capacity: { mode: 'hard', overloadPenalty: 0 },
  fulfilment: {
    ship_to_home: { locationTypes: ['dc', 'store'] },
    ship_from_store: { locationTypes: ['store'] },
    collect_in_store: { allowTransfer: true, transferFrom: ['dc', 'store'] },
  },
};
const london = { lat: 51.507, lon: -0.128 };

describe.each(testDatabases())('sourcing over HTTP on $name', (database) => {
  let inventory: InventoryApp;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers = {}) =>
    inventory.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const source = async (orderId: string, lines: [string, number][], extra: object = {}) => {
    await inventory.inventory.view.caughtUp();
    const response = await call('POST', '/inventory/sourcing/decisions', {
      orderId,
      channel: 'web-gb',
      lines: lines.map(([sku, quantity], i) => ({ lineId: String(i + 1), sku, quantity })),
      fulfilment: { type: 'ship_to_home', deliveryPoint: london },
      ruleSetId: 'gb',
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ sequence: number | null; decision: Decision }>();
  };

  beforeAll(async () => {
    inventory = await openInventoryApp(database);
    const locations = [
      { id: 'dc-north', type: 'dc', lat: 53.48, lon: -2.24, capacity: 1000, caps: ['ship', 'transfer'] },
      {
        id: 'store-near',
        type: 'store',
        lat: 51.51,
        lon: -0.13,
        capacity: 2,
        caps: ['ship_from_store', 'pick_up'],
      },
      {
        id: 'store-far',
        type: 'store',
        lat: 51.45,
        lon: -2.59,
        capacity: 100,
        caps: ['ship_from_store', 'pick_up'],
      },
      {
        id: 'store-shut',
        type: 'store',
        lat: 51.5,
        lon: -0.12,
        capacity: 100,
        caps: ['ship_from_store', 'pick_up'],
      },
    ];
    for (const l of locations) {
      const response = await call('PUT', `/inventory/locations/${l.id}`, {
        name: l.id,
        type: l.type,
        market: 'GB',
        lat: l.lat,
        lon: l.lon,
        priority: 1,
        dailyCapacity: l.capacity,
        capabilities: l.caps,
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    await call('POST', '/inventory/locations/store-shut/close', { reason: 'refit' });
    await call('PUT', '/inventory/channels/web-gb', {
      market: 'GB',
      priceChannel: 'web',
      currency: 'GBP',
      locationTypes: ['dc', 'store'],
    });
    for (const [sku, at, quantity] of [
      ['SKU-1', 'dc-north', 10],
      ['SKU-1', 'store-near', 10],
      ['SKU-1', 'store-far', 10],
      ['SKU-1', 'store-shut', 10],
      ['SKU-2', 'dc-north', 4],
    ] as const)
      await call('POST', `/inventory/stock/${sku}/receipts`, { locationId: at, quantity });
  });
  afterAll(async () => inventory.close());

  it('ships the default rule set as version 1 of rule set "default"', async () => {
    const response = await call('GET', '/inventory/sourcing/rule-sets/default');
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"1"');
    expect(response.json()).toMatchObject({ ruleSet: { id: 'default', version: 1 } });
  });

  it('publishes every change of a rule set as a new version and keeps the old ones readable', async () => {
    expect((await call('PUT', '/inventory/sourcing/rule-sets/gb', rules)).json()).toMatchObject({
      ruleSet: { id: 'gb', version: 1, splitPenalty: 100 },
    });
    expect((await call('PUT', '/inventory/sourcing/rule-sets/gb', rules)).json()).toMatchObject({
      ruleSet: { version: 1 },
    });
    const stale = await call(
      'PUT',
      '/inventory/sourcing/rule-sets/gb',
      { ...rules, splitPenalty: 5 },
      {
        'if-match': '"0"',
      },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'RULE_SET_VERSION_CONFLICT' });
    const second = await call(
      'PUT',
      '/inventory/sourcing/rule-sets/gb',
      { ...rules, maxShipments: 2 },
      {
        'if-match': '"1"',
      },
    );
    expect(second.json()).toMatchObject({ ruleSet: { version: 2, maxShipments: 2 } });
    const history = await call('GET', '/inventory/sourcing/rule-sets/gb?history=true');
    expect(
      history.json<{ items: { ruleSet: { version: number } }[] }>().items.map((i) => i.ruleSet.version),
    ).toEqual([2, 1]);
    expect((await call('GET', '/inventory/sourcing/rule-sets/gb/versions/1')).json()).toMatchObject({
      ruleSet: { maxShipments: 3 },
    });
    const listed = await call('GET', '/inventory/sourcing/rule-sets');
    expect(listed.json<{ items: { ruleSet: { id: string } }[] }>().items.map((i) => i.ruleSet.id)).toEqual([
      'default',
      'gb',
    ]);
  });

  it('refuses a malformed rule set naming each wrong path, and publishes nothing', async () => {
    const response = await call('PUT', '/inventory/sourcing/rule-sets/broken', {
      ...rules,
      splitPenalty: -1,
      capacity: { mode: 'sometimes', overloadPenalty: 0 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ detail: string }>().detail).toMatch(
      /\$\.splitPenalty.*\$\.capacity\.mode|\$\.capacity\.mode.*\$\.splitPenalty/,
    );
    expect((await call('GET', '/inventory/sourcing/rule-sets/broken')).statusCode).toBe(404);
  });

  it('sources from the nearest open location, explains the closed one and records the rule-set version', async () => {
    const { sequence, decision } = await source('o-1', [['SKU-1', 1]]);
    expect(sequence).toBe(1);
    expect(decision).toMatchObject({ status: 'planned', ruleSetId: 'gb', ruleSetVersion: 2 });
    expect(decision.shipments.map((s) => s.locationId)).toEqual(['store-near']);
    expect(decision.explanation.excluded).toContainEqual({
      reasons: ['CLOSED'],
      locationIds: ['store-shut'],
    });
    const recorded = await call('GET', '/inventory/sourcing/decisions/o-1');
    expect(recorded.json()).toMatchObject({ items: [{ sequence: 1, decision: { ruleSetVersion: 2 } }] });
  });

  it('sources an order again without a location that rejected it', async () => {
    const { sequence, decision } = await source('o-1', [['SKU-1', 1]], { excludeLocations: ['store-near'] });
    expect(sequence).toBe(2);
    expect(decision.shipments.map((s) => s.locationId)).toEqual(['store-far']);
  });

  it('counts the lines it gave a store today against the store capacity', async () => {
    // store-near takes 2 lines a day; o-1 gave it one and then took it back when re-sourced.
    expect((await source('o-2', [['SKU-1', 1]])).decision.shipments[0]?.locationId).toBe('store-near');
    expect((await source('o-3', [['SKU-1', 1]])).decision.shipments[0]?.locationId).toBe('store-near');
    const full = (await source('o-4', [['SKU-1', 1]])).decision;
    expect(full.shipments[0]?.locationId).not.toBe('store-near');
    expect(full.explanation.excluded).toContainEqual(
      expect.objectContaining({ reasons: ['AT_CAPACITY'], locationIds: ['store-near'] }),
    );
  });

  it('plans without recording when asked for a what-if, and replays a pinned rule-set version', async () => {
    const whatIf = await source('o-5', [['SKU-2', 1]], { record: false, ruleSetVersion: 1 });
    expect(whatIf.sequence).toBeNull();
    expect(whatIf.decision.ruleSetVersion).toBe(1);
    expect((await call('GET', '/inventory/sourcing/decisions/o-5')).statusCode).toBe(404);
  });

  it('counts the units an order already holds as its own', async () => {
    const reserved = await call('POST', '/inventory/reservations', {
      reservationId: 'o-6-1',
      sku: 'SKU-2',
      channel: 'web-gb',
      quantity: 4,
    });
    expect(reserved.statusCode, reserved.body).toBe(201);
    expect((await source('o-6', [['SKU-2', 4]])).decision).toMatchObject({
      status: 'unfulfillable',
      reason: 'INSUFFICIENT_STOCK',
    });
    expect((await source('o-6', [['SKU-2', 4]], { reservationIds: ['o-6-1'] })).decision).toMatchObject({
      status: 'planned',
      shipments: [{ locationId: 'dc-north' }],
    });
  });

  it('answers bad requests with a 4xx that says what to fix', async () => {
    const post = (body: object) =>
      call('POST', '/inventory/sourcing/decisions', {
        orderId: 'o-x',
        channel: 'web-gb',
        lines: [{ lineId: '1', sku: 'SKU-1', quantity: 1 }],
        fulfilment: { type: 'ship_to_home', deliveryPoint: london },
        ...body,
      });
    const zero = await post({ lines: [{ lineId: '1', sku: 'SKU-1', quantity: 0 }] });
    expect(zero.statusCode).toBe(400);
    expect(zero.json<{ detail: string }>().detail).toContain('$.lines[0].quantity');
    expect((await post({ channel: 'nowhere' })).json()).toMatchObject({
      status: 404,
      code: 'CHANNEL_NOT_FOUND',
    });
    expect((await post({ ruleSetId: 'nope' })).json()).toMatchObject({
      status: 404,
      code: 'RULE_SET_NOT_FOUND',
    });
    expect((await post({ fulfilment: { type: 'collect_in_store' } })).statusCode).toBe(400);
    expect((await call('GET', '/inventory/sourcing/decisions/o-x')).statusCode).toBe(404);
  });
});
