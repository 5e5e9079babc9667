import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@omnistream/testing';
import { openInventoryApp, seedNetwork, type InventoryApp } from './inventory-app.fixture.js';

/**
 * The proof: 500 concurrent reservation requests over real HTTP for a SKU with 100 units across 3
 * locations reserve exactly 100 units; every other request is told INSUFFICIENT_STOCK.
 */
describe.each(testDatabases())('no oversell on $name', (database) => {
  let inventory: InventoryApp;
  let base: string;

  beforeAll(async () => {
    inventory = await openInventoryApp(database, { maxConnections: 10 });
    await seedNetwork(inventory.app);
    for (const [locationId, quantity] of [
      ['dc-1', 50],
      ['store-a', 30],
      ['store-b', 20],
    ] as const) {
      const response = await inventory.app.inject({
        method: 'POST',
        url: '/inventory/stock/HOT-1/receipts',
        payload: { locationId, quantity },
      });
      expect(response.statusCode).toBe(200);
    }
    await inventory.inventory.view.caughtUp();
    await inventory.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(inventory.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => inventory.close());

  it('reserves exactly the 100 units there are for 500 concurrent requests, and refuses the rest clearly', async () => {
    const answers = await Promise.all(
      Array.from({ length: 500 }, async (_, i) => {
        const response = await fetch(`${base}/inventory/reservations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ reservationId: `order-${i}`, sku: 'HOT-1', channel: 'web-gb', quantity: 1 }),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      }),
    );

    const reserved = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    expect(reserved).toHaveLength(100);
    expect(refused).toHaveLength(400);
    for (const answer of refused)
      expect(answer).toMatchObject({ status: 422, body: { code: 'INSUFFICIENT_STOCK' } });

    const held = new Map<string, number>();
    for (const { body } of reserved)
      for (const a of body.allocations as { locationId: string; quantity: number }[])
        held.set(a.locationId, (held.get(a.locationId) ?? 0) + a.quantity);
    expect(Object.fromEntries(held)).toEqual({ 'dc-1': 50, 'store-a': 30, 'store-b': 20 });

    const stream = await inventory.store.readStream('stock-HOT-1');
    expect(stream.filter((e) => e.type === 'StockReserved')).toHaveLength(100);

    await inventory.inventory.view.caughtUp();
    const availability = await fetch(`${base}/inventory/availability?skus=HOT-1&channel=web-gb`);
    expect(await availability.json()).toEqual({
      channel: 'web-gb',
      items: [{ sku: 'HOT-1', available: 0, price: null, locations: [] }],
    });
  });
});
