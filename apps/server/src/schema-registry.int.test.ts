import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@omnistream/observability';
import { testDatabaseConfigs } from '@omnistream/testing';
import { DEFAULT_CONTRACTS_DIR } from './config/default-contracts-dir.js';
import { parseConfig } from './config/parse-config.js';
import { createServer } from './create-server.js';

const logger = createLogger({ level: 'silent' });

const orderPlaced = (extra: Record<string, unknown> = {}) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { orderId: { type: 'string' }, total: { type: 'integer', minimum: 0 }, ...extra },
  required: ['orderId', 'total'],
  additionalProperties: false,
});

describe.each(testDatabaseConfigs())('the server schema registry on $name', (shape) => {
  let contractsDir: string;
  let database: Awaited<ReturnType<typeof shape.create>>;
  const writeContract = async (schema: unknown) => {
    await mkdir(join(contractsDir, 'orders', 'order'), { recursive: true });
    await writeFile(
      join(contractsDir, 'orders', 'order', 'OrderPlaced.v1.schema.json'),
      JSON.stringify(schema),
    );
  };
  const start = () =>
    createServer(parseConfig({ database: database.config, contracts: { dir: contractsDir } }), { logger });

  beforeEach(async () => {
    contractsDir = await mkdtemp(join(tmpdir(), 'omnistream-contracts-'));
    database = await shape.create();
    await writeContract(orderPlaced());
  });
  afterEach(async () => {
    await database.drop();
    await rm(contractsDir, { recursive: true, force: true });
  });

  it('registers the contracts at start, serves them under /schema-registry, and keeps their ids on restart', async () => {
    const first = await start();
    let id: unknown;
    try {
      const response = await first.app.inject({
        method: 'GET',
        url: '/schema-registry/subjects/orders.order-OrderPlaced/versions/latest',
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/vnd\.schemaregistry\.v1\+json/);
      id = response.json<{ id: number }>().id;
      expect((await first.app.inject({ method: 'GET', url: '/schema-registry/subjects' })).json()).toEqual([
        'orders.order-OrderPlaced',
      ]);
    } finally {
      await first.close();
    }
    const second = await start();
    try {
      expect(await second.schemaRegistry.versions('orders.order-OrderPlaced')).toEqual([1]);
      expect((await second.schemaRegistry.version('orders.order-OrderPlaced', 'latest')).id).toBe(id);
    } finally {
      await second.close();
    }
  });

  it('refuses a public event that does not fit its contract with the path of the problem, and writes nothing', async () => {
    const server = await start();
    try {
      const refused = await server.app.inject({
        method: 'POST',
        url: '/streams/order-1',
        payload: { events: [{ type: 'OrderPlaced', data: { orderId: 'o-1', total: -5 } }] },
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({
        code: 'SCHEMA_VALIDATION_FAILED',
        detail: 'orders.order-OrderPlaced: /total must be >= 0 (minimum)',
      });
      expect(await server.eventStore.streamVersion('order-1')).toBe(0);
      await server.eventStore.append('order-1', [
        { type: 'OrderPlaced', data: { orderId: 'o-1', total: 5 } },
      ]);
      await server.eventStore.append('order-1', [{ type: 'OrderInternallyNoted', data: 'private' }]);
      const [placed] = await server.eventStore.readStream('order-1');
      expect(server.publicEvents.route(placed!)).toEqual({
        topic: 'orders.order',
        subject: 'orders.order-OrderPlaced',
      });
    } finally {
      await server.close();
    }
  });

  it('fails to start when a contract changed incompatibly, saying what broke', async () => {
    await (await start()).close();
    await writeContract(orderPlaced({ total: { type: 'string' } }));
    await expect(start()).rejects.toThrow(
      /OrderPlaced\.v1\.schema\.json cannot be registered as orders\.order-OrderPlaced: .*#\/properties\/total: type narrowed from "integer" to "string"/,
    );
  });
});

it('finds the repository contracts folder by default, wherever the process was started', () =>
  expect(existsSync(join(DEFAULT_CONTRACTS_DIR, 'README.md'))).toBe(true));
