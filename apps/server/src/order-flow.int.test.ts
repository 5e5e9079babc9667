import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@omnistream/observability';
import { testDatabaseConfigs } from '@omnistream/testing';
import { parseConfig } from './config/parse-config.js';
import { createServer, type Server } from './create-server.js';

const home = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postcode: 'SW1Y 4JH',
  country: 'GB',
  location: { lat: 51.507, lon: -0.134 },
};
const dcAddress = {
  name: 'DC North',
  lines: ['1 Depot Road'],
  city: 'Leeds',
  postalCode: 'LS1 1AA',
  countryCode: 'GB',
};

interface OrderView {
  status: string;
  shipments: { shipmentId: string; status?: string }[];
}

describe.each(testDatabaseConfigs())('the order flow through the embedded server on $name', (shape) => {
  let server: Server;
  let drop: () => Promise<void>;
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const response = await server.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
    if (response.statusCode >= 500)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response;
  };
  const order = async (orderId: string) => (await call('GET', `/orders/${orderId}`)).json<OrderView>();
  const until = async (
    orderId: string,
    done: (o: OrderView) => boolean,
    what: string,
  ): Promise<OrderView> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const current = await order(orderId);
      if (done(current)) return current;
      if (Date.now() > deadline)
        throw new Error(`order ${orderId} never ${what}: ${JSON.stringify(current)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const available = async (sku: string) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const body = (await call('GET', `/inventory/availability?skus=${sku}&channel=web-gb`)).json<{
      items: { available: number }[];
    }>();
    return body.items[0]?.available;
  };
  const place = (orderId: string, token: string, quantity = 2) =>
    call('POST', '/orders', {
      orderId,
      customerId: 'c-1',
      channel: 'web',
      market: 'GB',
      currency: 'GBP',
      lines: [{ sku: 'TEE-1', quantity }],
      fulfilment: { type: 'ship_to_home', address: home },
      payment: { method: 'card', token },
    });

  beforeAll(async () => {
    const database = await shape.create();
    drop = database.drop;
    server = await createServer(
      parseConfig({
        database: database.config,
        payments: {
          providers: { sandbox: { secret: 'order-flow-test-sandbox-secret', webhookDelayMs: 10 } },
        },
        shipments: { carriers: { sandbox: { trackingStepMs: 50 } } },
      }),
      { logger: createLogger({ level: 'silent' }) },
    );
    const ok = async (method: 'POST' | 'PUT', url: string, payload: object) => {
      const response = await call(method, url, payload);
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
    };
    await ok('PUT', '/inventory/locations/dc-north', {
      name: 'DC North',
      type: 'dc',
      market: 'GB',
      lat: 53.8,
      lon: -1.55,
      priority: 10,
      dailyCapacity: 1000,
      capabilities: ['ship'],
      address: dcAddress,
    });
    await ok('PUT', '/inventory/channels/web-gb', {
      market: 'GB',
      priceChannel: 'web',
      currency: 'GBP',
      locationTypes: ['dc', 'store'],
    });
    await ok('POST', '/inventory/stock/TEE-1/receipts', { locationId: 'dc-north', quantity: 10 });
    await ok('POST', '/catalog/price-lists', {
      priceListId: 'gb-web',
      name: 'GB web',
      market: 'GB',
      channel: 'web',
      currency: 'GBP',
    });
    await ok('PUT', '/catalog/price-lists/gb-web/prices/TEE-1', {
      amount: 1500,
      validFrom: '2020-01-01T00:00:00.000Z',
    });
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  it('takes a home delivery from placed to delivered: reserved, paid, sourced, picked, shipped, captured', async () => {
    const placed = await place('flow-1', '4111111111111111');
    expect(placed.statusCode, placed.body).toBe(201);
    const released = await until('flow-1', (o) => o.status === 'released', 'was released');
    const [shipment] = released.shipments;
    expect(shipment).toBeDefined();
    const picked = await call('POST', `/orders/flow-1/shipments/${shipment?.shipmentId ?? ''}/picked`, {});
    expect(picked.statusCode, picked.body).toBe(200);
    await until('flow-1', (o) => o.status === 'delivered', 'was delivered');
    const payment = (await call('GET', '/payments/flow-1-payment')).json<{
      payment: { status: string; captured: number };
    }>();
    expect(payment.payment).toMatchObject({ status: 'captured', captured: 3000 });
    expect(await available('TEE-1')).toBe(8);
  });

  it('fails an order whose payment is refused and gives its stock back', async () => {
    expect((await place('flow-2', '4000000000000002')).statusCode).toBe(201);
    await until('flow-2', (o) => o.status === 'failed', 'failed');
    expect(await available('TEE-1')).toBe(8);
  });

  it('fails an order there is not enough stock for, holding nothing', async () => {
    expect((await place('flow-3', '4111111111111111', 9)).statusCode).toBe(201);
    await until('flow-3', (o) => o.status === 'failed', 'failed');
    expect(await available('TEE-1')).toBe(8);
  });
});
