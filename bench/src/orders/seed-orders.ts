import type { Server } from '@omnistream/server';

export const SKUS = 1000;
const FROM = '2020-01-01T00:00:00.000Z';

/** 1 DC (every SKU, a million units each), 20 stores with collection addresses, a web channel, 1,000 prices. */
export const seedOrders = async (server: Server): Promise<void> => {
  const call = async (method: 'PUT' | 'POST', url: string, payload: object) => {
    const response = await server.app.inject({ method, url, payload });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  };
  for (let i = 0; i <= 20; i += 1) {
    const id = i === 0 ? 'dc-1' : `store-${i}`;
    await call('PUT', `/inventory/locations/${id}`, {
      name: id,
      type: i === 0 ? 'dc' : 'store',
      market: 'GB',
      lat: 51 + i / 20,
      lon: -1 + i / 20,
      priority: i === 0 ? 10 : 1,
      dailyCapacity: 1_000_000,
      capabilities: i === 0 ? ['ship'] : ['ship', 'ship_from_store', 'pick_up'],
      address: {
        name: id,
        lines: [`${i} High Street`],
        city: 'Leeds',
        postalCode: 'LS1 1AA',
        countryCode: 'GB',
      },
    });
  }
  await call('PUT', '/inventory/channels/web-gb', {
    market: 'GB',
    priceChannel: 'web',
    currency: 'GBP',
    locationTypes: ['dc', 'store'],
  });
  await call('POST', '/catalog/price-lists', {
    priceListId: 'gb-web',
    name: 'GB web',
    market: 'GB',
    channel: 'web',
    currency: 'GBP',
  });
  for (let sku = 0; sku < SKUS; sku += 1) {
    await call('PUT', `/catalog/price-lists/gb-web/prices/SKU-${sku}`, {
      amount: 1000 + sku,
      validFrom: FROM,
    });
    await call('POST', `/inventory/stock/SKU-${sku}/receipts`, { locationId: 'dc-1', quantity: 1_000_000 });
  }
};

/** A POST /orders body; `{n}` and `{m}` are filled in per request by the load generator. */
export const orderBody = (prefix: string): string =>
  JSON.stringify({
    orderId: `${prefix}-{n}`,
    customerId: 'customer-{m}',
    channel: 'web',
    market: 'GB',
    currency: 'GBP',
    lines: [{ sku: 'SKU-{m}', quantity: 1 }],
    fulfilment: {
      type: 'ship_to_home',
      address: {
        name: 'Bench Customer',
        line1: '1 Test Road',
        city: 'London',
        postcode: 'N1 1AA',
        country: 'GB',
        location: { lat: 51.5, lon: -0.1 },
      },
    },
    payment: { method: 'card', token: '4111111111111111' },
  });
