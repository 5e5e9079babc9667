import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdyenContractServer } from '@omnistream/payments/testing';
import { startUpsContractServer } from '@omnistream/shipments/testing';
import { createScratchDatabase, postgresTestUrl } from '@omnistream/testing';
import { freePort, moduleProcess, type ModuleProcess } from './module-processes.fixture.js';
import { dcNorth, home, storeSoho, webGb } from '../order-flow-shop.fixture.js';

/**
 * Issue 5's distributed proof: orders, inventory (with the catalog), payments and shipments each in a process of
 * its own, connected only by one PostgreSQL database and Kafka, the real Adyen and UPS adapters talking to local
 * servers that implement those providers' documented contracts (and, like them, outlive our processes: Adyen
 * sends each notification again until it is accepted; the test, as UPS Track Alert, does the same). In each case
 * one process is SIGKILLed in the middle of a run and started again; every order must still reach its right end,
 * and no payment may be captured twice.
 */
const brokers = process.env.OMNISTREAM_TEST_KAFKA_BROKERS ?? '';
const adminUrl = postgresTestUrl();

const ADYEN = {
  apiKey: 'distributed-proof-api-key',
  merchantAccount: 'OmnistreamECOM',
  hmacKey: '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056',
};
const UPS = {
  clientId: 'ups-client',
  clientSecret: 'ups-secret',
  credential: 'track-alert-credential-0123456789',
};
const PRICES = { 'TEE-1': 1500, 'MUG-1': 800 } as const;

type Role = 'orders' | 'inventory' | 'payments' | 'shipments';

interface OrderView {
  status: string;
  total?: { amount: number };
  shipments: { shipmentId: string; locationId: string }[];
  payment?: { captured: number; refunded: number } | null;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.skipIf(adminUrl === undefined)(
  'the order flow with orders, inventory, payments and shipments each in its own process (PostgreSQL, Kafka)',
  () => {
    let folder: string;
    let database: { url: string; drop(): Promise<void> };
    let adyen: Awaited<ReturnType<typeof startAdyenContractServer>>;
    let ups: Awaited<ReturnType<typeof startUpsContractServer>>;
    const processes = {} as Record<Role, ModuleProcess>;

    /** An HTTP call to a process that may be down for a while: retried until it answers, for up to 60 s. */
    const call = async (
      role: Role,
      method: 'GET' | 'POST' | 'PUT',
      path: string,
      body?: object,
      headers = {},
    ) => {
      // Longer than the server's in-progress timeout (60 s): a request the SIGKILL cut off holds its
      // Idempotency-Key until then, and the repeat is answered 409 IDEMPOTENCY_KEY_IN_PROGRESS, "retry later".
      const deadline = Date.now() + 90_000;
      for (;;) {
        try {
          const response = await fetch(`${processes[role].url}${path}`, {
            method,
            headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          const text = await response.text();
          if (
            response.status >= 500 ||
            (response.status === 409 && text.includes('IDEMPOTENCY_KEY_IN_PROGRESS'))
          )
            throw new Error(`${method} ${path}: ${response.status} ${text}`);
          return { status: response.status, json: <T>() => JSON.parse(text) as T, text };
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await sleep(200);
        }
      }
    };
    const ok = async (role: Role, method: 'POST' | 'PUT', path: string, body: object, headers = {}) => {
      const response = await call(role, method, path, body, headers);
      expect(response.status, `${path}: ${response.text}`).toBeLessThan(300);
      return response;
    };
    const until = async <T>(
      what: string,
      read: () => Promise<T>,
      done: (value: T) => boolean,
    ): Promise<T> => {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const value = await read();
        if (done(value)) return value;
        if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
        await sleep(150);
      }
    };
    const order = async (orderId: string) =>
      (await call('orders', 'GET', `/orders/${orderId}`)).json<OrderView>();
    /** UPS Track Alert as UPS sends it: the credential given at subscription, retried until accepted. */
    const track = async (trackingNumber: string, type: 'I' | 'D', description: string) => {
      await ok(
        'shipments',
        'POST',
        '/shipments/webhooks/ups',
        {
          trackingNumber,
          localActivityDate: '20261121',
          localActivityTime: type === 'I' ? '080000' : '153000',
          gmtActivityDate: '20261121',
          gmtActivityTime: type === 'I' ? '080000' : '153000',
          activityLocation: { city: 'LONDON', postalCode: 'SW1Y4JH', country: 'GB' },
          activityStatus: { type, code: type === 'D' ? 'FS' : 'DP', description },
        },
        { credential: UPS.credential, 'user-agent': 'UPSPubSubTrackingService' },
      );
    };

    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'omnistream-distributed-'));
      database = await createScratchDatabase(adminUrl as string, 'omnistream_distributed');
      adyen = await startAdyenContractServer({ ...ADYEN, redeliverUntilAccepted: true });
      ups = await startUpsContractServer({ clientId: UPS.clientId, clientSecret: UPS.clientSecret });
      const ports = {
        orders: await freePort(),
        inventory: await freePort(),
        payments: await freePort(),
        shipments: await freePort(),
      };
      adyen.setWebhookUrl(`http://127.0.0.1:${ports.payments}/payments/webhooks/adyen`);
      const paymentsFile = join(folder, 'payments.json');
      const shipmentsFile = join(folder, 'shipments.json');
      await writeFile(
        paymentsFile,
        JSON.stringify({
          routes: [],
          defaultProvider: 'adyen',
          providerTimeoutMs: 5_000,
          providers: {
            adyen: { baseUrl: adyen.baseUrl, ...ADYEN, returnUrl: 'https://shop.example/checkout/return' },
          },
        }),
      );
      await writeFile(
        shipmentsFile,
        JSON.stringify({
          defaultCarrier: 'ups',
          carriers: {
            ups: {
              baseUrl: ups.baseUrl,
              clientId: UPS.clientId,
              clientSecret: UPS.clientSecret,
              accountNumber: 'A1B2C3',
              webhookCredential: UPS.credential,
            },
          },
        }),
      );
      const env = {
        OMNISTREAM_DATABASE_URL: database.url,
        OMNISTREAM_KAFKA_BROKERS: brokers,
        // The broker is shared with other suites and keeps earlier runs' commands: this run's topics and groups.
        OMNISTREAM_KAFKA_NAMESPACE: `proof${randomBytes(4).toString('hex')}`,
        OMNISTREAM_TOPIC_PARTITIONS: '3',
        OMNISTREAM_PAYMENTS_CONFIG_FILE: paymentsFile,
        OMNISTREAM_SHIPMENTS_CONFIG_FILE: shipmentsFile,
      };
      processes.inventory = moduleProcess(
        'inventory',
        ['inventory', 'catalog'],
        ports.inventory,
        env,
        process.env,
      );
      processes.orders = moduleProcess('orders', ['orders'], ports.orders, env, process.env);
      processes.payments = moduleProcess('payments', ['payments'], ports.payments, env, process.env);
      processes.shipments = moduleProcess('shipments', ['shipments'], ports.shipments, env, process.env);
      // The first start applies the migrations and registers the contracts; the others find them done.
      await processes.inventory.start();
      await Promise.all([processes.orders.start(), processes.payments.start(), processes.shipments.start()]);

      await ok('inventory', 'PUT', '/inventory/locations/dc-north', dcNorth(10_000));
      await ok('inventory', 'PUT', '/inventory/locations/store-soho', storeSoho(10_000));
      await ok('inventory', 'PUT', '/inventory/channels/web-gb', webGb);
      await ok('inventory', 'POST', '/inventory/stock/TEE-1/receipts', {
        locationId: 'dc-north',
        quantity: 100,
      });
      await ok('inventory', 'POST', '/inventory/stock/MUG-1/receipts', {
        locationId: 'store-soho',
        quantity: 100,
      });
      await ok('inventory', 'POST', '/catalog/price-lists', {
        priceListId: 'gb-web',
        name: 'GB web',
        market: 'GB',
        channel: 'web',
        currency: 'GBP',
      });
      for (const [sku, amount] of Object.entries(PRICES))
        await ok('inventory', 'PUT', `/catalog/price-lists/gb-web/prices/${sku}`, {
          amount,
          validFrom: '2020-01-01T00:00:00.000Z',
        });
    }, 180_000);

    afterAll(async () => {
      await Promise.all(Object.values(processes).map((p) => p.stop().catch(() => p.kill())));
      await adyen?.close();
      await ups?.close();
      await database?.drop();
      await rm(folder, { recursive: true, force: true });
    }, 60_000);

    /** Moves one order along as the shop floor, the carrier and the provider would, however long a process is down. */
    const drive = async (orderId: string, kind: 'plain' | 'split' | 'refused', onPicked: () => void) => {
      const lines =
        kind === 'split'
          ? [
              { sku: 'TEE-1', quantity: 1 },
              { sku: 'MUG-1', quantity: 1 },
            ]
          : [{ sku: 'TEE-1', quantity: 1 }];
      await ok(
        'orders',
        'POST',
        '/orders',
        {
          orderId,
          customerId: `customer-${orderId}`,
          channel: 'web',
          market: 'GB',
          currency: 'GBP',
          lines,
          fulfilment: { type: 'ship_to_home', address: home },
          payment: { method: 'card', token: kind === 'refused' ? 'refused' : `tok-${orderId}` },
        },
        { 'idempotency-key': `place-${orderId}` },
      );
      if (kind === 'refused') {
        await until(
          `${orderId} fails`,
          () => order(orderId),
          (o) => o.status === 'failed',
        );
        return;
      }
      const released = await until(
        `${orderId} is released`,
        () => order(orderId),
        (o) => o.status === 'released',
      );
      for (const shipment of released.shipments) {
        await ok('orders', 'POST', `/orders/${orderId}/shipments/${shipment.shipmentId}/picked`, {});
        onPicked();
      }
      const labelled = await until(
        `${orderId} has its labels`,
        async () =>
          (await call('shipments', 'GET', `/shipments?orderId=${orderId}`)).json<{
            items: { trackingNumber: string | null }[];
          }>().items,
        (items) =>
          items.length === released.shipments.length && items.every((s) => s.trackingNumber !== null),
      );
      for (const { trackingNumber } of labelled) {
        await track(trackingNumber as string, 'I', 'Departed from Facility');
        await track(trackingNumber as string, 'D', 'DELIVERED');
      }
      const total = lines.reduce((sum, line) => sum + PRICES[line.sku as keyof typeof PRICES], 0);
      await until(
        `${orderId} is delivered and paid`,
        () => order(orderId),
        (o) => o.status === 'delivered' && o.payment?.captured === total,
      );
    };

    const victims: readonly Role[] = ['orders', 'inventory', 'payments', 'shipments'];
    it.each(victims)(
      'every order reaches its end and no payment is captured twice when %s is SIGKILLed mid-run',
      async (victim) => {
        const kinds = ['plain', 'split', 'plain', 'refused', 'plain', 'split', 'plain', 'plain'] as const;
        const orders = kinds.map((kind, index) => ({ orderId: `${victim}-${index}`, kind }));
        // Orders and inventory die while orders are still being reserved and sourced; payments and shipments once
        // the first shipment is picked, when labels are being bought and payments captured.
        let picks = 0;
        let placed = 0;
        let finished = 0;
        let killed: () => void = () => {};
        const killedAt = new Promise<void>((resolve) => (killed = resolve));
        const early = victim === 'orders' || victim === 'inventory';
        const driving = orders.map(async ({ orderId, kind }, index) => {
          await sleep(index * 120);
          const run = drive(orderId, kind, () => {
            picks += 1;
            if (!early && picks === 1) killed();
          });
          placed += 1;
          if (early && placed === 3) killed();
          await run;
          finished += 1;
        });
        await killedAt;
        await processes[victim].kill();
        // Mid-run: most orders were still on their way when the process died.
        expect(finished, 'orders already finished when the process was killed').toBeLessThan(
          orders.length / 2,
        );
        await sleep(1_500);
        await processes[victim].start();
        const outcomes = await Promise.allSettled(driving);
        const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
        expect(failures, [...failures, ...processes[victim].problems.slice(-20)].join('\n')).toEqual([]);

        const sql = postgres(database.url, { max: 1, onnotice: () => {} });
        try {
          for (const { orderId, kind } of orders) {
            const view = await order(orderId);
            if (kind === 'refused') {
              expect(view.status, orderId).toBe('failed');
              continue;
            }
            const total = kind === 'split' ? PRICES['TEE-1'] + PRICES['MUG-1'] : PRICES['TEE-1'];
            expect(view.status, orderId).toBe('delivered');
            const payment = (await call('payments', 'GET', `/payments/${orderId}-payment`)).json<{
              payment: { status: string; captured: number; providerReference: string };
            }>().payment;
            expect(payment.captured, orderId).toBe(total);
            // At the provider: one capture per shipment, however often a request was sent again.
            const captures = new Map<string, number>();
            for (const request of adyen.received)
              if (request.path === `/v71/payments/${payment.providerReference}/captures`)
                captures.set(request.idempotencyKey ?? '', (request.body.amount as { value: number }).value);
            expect(
              [...captures.values()].reduce((a, b) => a + b, 0),
              `${orderId} captured at Adyen`,
            ).toBe(total);
            expect(captures.size, orderId).toBe(view.shipments.length);
            const [recorded] = await sql<{ count: number }[]>`
              select count(*)::int as count from omnistream.events
               where stream_id = ${`payment-${orderId}-payment`} and type = 'PaymentCaptured'`;
            expect(recorded?.count, `${orderId} PaymentCaptured events`).toBe(view.shipments.length);
          }
        } finally {
          await sql.end();
        }
      },
      240_000,
    );

    it('holds no stock for any order once every run has ended: delivered units left, failed ones came back', async () => {
      const deliveredTees = victims.length * 7; // seven of each run's eight orders hold one tee
      const deliveredMugs = victims.length * 2;
      const stock = async (sku: string) =>
        (await call('inventory', 'GET', `/inventory/availability?skus=${sku}&channel=web-gb`)).json<{
          items: { available: number }[];
        }>().items[0]?.available;
      await until(
        'tees left',
        () => stock('TEE-1'),
        (left) => left === 100 - deliveredTees,
      );
      await until(
        'mugs left',
        () => stock('MUG-1'),
        (left) => left === 100 - deliveredMugs,
      );
    });
  },
);
