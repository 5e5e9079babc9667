import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@omnistream/observability';
import { testDatabaseConfigs } from '@omnistream/testing';
import { parseConfig } from './config/parse-config.js';
import { createServer, type Server } from './create-server.js';

const address = {
  name: 'Ada Lovelace',
  lines: ['12 St James Square'],
  city: 'London',
  postalCode: 'SW1Y 4JH',
  countryCode: 'GB',
};

const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> => {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe.each(testDatabaseConfigs())('the server with payments and shipments on $name', (shape) => {
  let server: Server;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await shape.create();
    drop = database.drop;
    server = await createServer(
      parseConfig({
        database: database.config,
        payments: { providers: { sandbox: { secret: 'server-test-sandbox-secret', webhookDelayMs: 10 } } },
        shipments: { carriers: { sandbox: { trackingStepMs: 20 } } },
      }),
      { logger: createLogger({ level: 'silent' }) },
    );
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    server.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });

  it('authorises and captures through the sandbox, the capture settled by its signed webhook in-process', async () => {
    const created = await call('POST', '/payments', {
      paymentId: 'pay-s1',
      orderId: 'order-s1',
      amount: 4_999,
      currency: 'GBP',
      market: 'GB',
      paymentMethod: { type: 'card', token: '4111111111111111' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await call('POST', '/payments/pay-s1/captures', {})).statusCode).toBe(202);
    await until(
      async () => (await call('GET', '/payments/pay-s1')).json<{ payment: { status: string } }>(),
      (read) => read.payment.status === 'captured',
      'the capture webhook',
    );
  });

  it('buys a sandbox label and follows its tracking webhooks to delivered', async () => {
    const created = await call('POST', '/shipments', {
      shipmentId: 'shp-s1',
      orderId: 'order-s1',
      market: 'GB',
      shipFrom: {
        locationId: 'dc-1',
        address: { ...address, name: 'DC 1', city: 'Leeds', postalCode: 'LS1 1AA' },
      },
      shipTo: address,
      lines: [{ lineId: '1', sku: 'TEE-1', quantity: 1 }],
      parcel: { weightGrams: 500, lengthMm: 300, widthMm: 200, heightMm: 50 },
      serviceLevel: 'standard',
    });
    expect(created.statusCode, created.body).toBe(201);
    await until(
      async () => (await call('GET', '/shipments/shp-s1')).json<{ status: string }>(),
      (shipment) => shipment.status === 'delivered',
      'the tracking webhooks',
    );
  });

  it('refuses a payments config with an unknown key at start, naming it', async () => {
    const database = await shape.create();
    try {
      await expect(
        createServer(parseConfig({ database: database.config, payments: { provider: 'sandbox' } }), {
          logger: createLogger({ level: 'silent' }),
        }),
      ).rejects.toThrow(/provider/);
    } finally {
      await database.drop();
    }
  });
});
