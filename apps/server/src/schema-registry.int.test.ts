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

const ticketIssued = (extra: Record<string, unknown> = {}) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { ticketId: { type: 'string' }, total: { type: 'integer', minimum: 0 }, ...extra },
  required: ['ticketId', 'total'],
  additionalProperties: false,
});

describe.each(testDatabaseConfigs())('the server schema registry on $name', (shape) => {
  let contractsDir: string;
  let database: Awaited<ReturnType<typeof shape.create>>;
  const writeContract = async (schema: unknown) => {
    await mkdir(join(contractsDir, 'orders', 'ticket'), { recursive: true });
    await writeFile(
      join(contractsDir, 'orders', 'ticket', 'TicketIssued.v1.schema.json'),
      JSON.stringify(schema),
    );
  };
  const start = () =>
    createServer(parseConfig({ database: database.config, contracts: { dir: contractsDir } }), { logger });

  beforeEach(async () => {
    contractsDir = await mkdtemp(join(tmpdir(), 'omnistream-contracts-'));
    database = await shape.create();
    await writeContract(ticketIssued());
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
        url: '/schema-registry/subjects/orders.ticket-TicketIssued/versions/latest',
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/vnd\.schemaregistry\.v1\+json/);
      id = response.json<{ id: number }>().id;
      // Besides the contracts, the saga command subjects (`<context>.commands-SagaCommandIssued`) are registered.
      const subjects = (await first.app.inject({ method: 'GET', url: '/schema-registry/subjects' })).json<
        string[]
      >();
      expect(subjects.filter((s) => !s.endsWith('.commands-SagaCommandIssued'))).toEqual([
        'orders.ticket-TicketIssued',
      ]);
    } finally {
      await first.close();
    }
    const second = await start();
    try {
      expect(await second.schemaRegistry.versions('orders.ticket-TicketIssued')).toEqual([1]);
      expect((await second.schemaRegistry.version('orders.ticket-TicketIssued', 'latest')).id).toBe(id);
    } finally {
      await second.close();
    }
  });

  it('refuses a public event that does not fit its contract with the path of the problem, and writes nothing', async () => {
    const server = await start();
    try {
      const refused = await server.app.inject({
        method: 'POST',
        url: '/streams/ticket-1',
        payload: { events: [{ type: 'TicketIssued', data: { ticketId: 'o-1', total: -5 } }] },
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({
        code: 'SCHEMA_VALIDATION_FAILED',
        detail: 'orders.ticket-TicketIssued: /total must be >= 0 (minimum)',
      });
      expect(await server.eventStore.streamVersion('ticket-1')).toBe(0);
      await server.eventStore.append('ticket-1', [
        { type: 'TicketIssued', data: { ticketId: 'o-1', total: 5 } },
      ]);
      await server.eventStore.append('ticket-1', [{ type: 'TicketInternallyNoted', data: 'private' }]);
      const [placed] = await server.eventStore.readStream('ticket-1');
      expect(server.publicEvents.route(placed!)).toEqual({
        topic: 'orders.ticket',
        subject: 'orders.ticket-TicketIssued',
      });
    } finally {
      await server.close();
    }
  });

  it('fails to start when a contract changed incompatibly, saying what broke', async () => {
    await (await start()).close();
    await writeContract(ticketIssued({ total: { type: 'string' } }));
    await expect(start()).rejects.toThrow(
      /TicketIssued\.v1\.schema\.json cannot be registered as orders\.ticket-TicketIssued: .*#\/properties\/total: type narrowed from "integer" to "string"/,
    );
  });
});

it('finds the repository contracts folder by default, wherever the process was started', () =>
  expect(existsSync(join(DEFAULT_CONTRACTS_DIR, 'README.md'))).toBe(true));
