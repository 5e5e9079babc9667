import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_HEADERS, type IncomingMessage } from '@omnistream/messaging';
import { createLogger } from '@omnistream/observability';
import { decodeWireFormat } from '@omnistream/schema-registry';
import { testDatabaseConfigs } from '@omnistream/testing';
import { ticketContractFolder } from './contract-folder.fixture.js';
import { parseConfig } from './config/parse-config.js';
import { createServer, type Server } from './create-server.js';

const logger = createLogger({ level: 'silent' });

describe.each(testDatabaseConfigs())('the server bus on $name', (shape) => {
  let contracts: Awaited<ReturnType<typeof ticketContractFolder>>;
  let database: Awaited<ReturnType<typeof shape.create>>;
  let server: Server | undefined;

  beforeEach(async () => {
    contracts = await ticketContractFolder('orders');
    database = await shape.create();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await database.drop();
    await contracts.remove();
  });

  it('relays a public event appended over HTTP to its topic on the embedded bus, and keeps private ones in', async () => {
    server = await createServer(
      parseConfig({
        database: database.config,
        contracts: { dir: contracts.dir },
        topics: { partitions: 2 },
      }),
      { logger },
    );
    const received: IncomingMessage[] = [];
    const consumer = await server.bus.consume({
      group: 'server-test',
      topics: ['orders.ticket'],
      handle: (messages) => {
        received.push(...messages);
        return Promise.resolve();
      },
    });
    try {
      const appended = await server.app.inject({
        method: 'POST',
        url: '/streams/ticket-7',
        payload: {
          events: [
            {
              type: 'TicketIssued',
              data: { ticketId: 'o-7', total: 1999 },
              metadata: { correlationId: 'c-7' },
            },
            { type: 'TicketNoteAdded', data: { note: 'private: no contract' } },
          ],
        },
      });
      expect(appended.statusCode).toBe(201);
      const deadline = Date.now() + 10_000;
      while (received.length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 200)); // room for the private event to show up, wrongly
      expect(received).toHaveLength(1);
      const [message] = received as [IncomingMessage];
      expect(message.key).toBe('ticket-7');
      expect(message.headers).toMatchObject({
        [EVENT_HEADERS.eventType]: 'TicketIssued',
        [EVENT_HEADERS.correlationId]: 'c-7',
        [EVENT_HEADERS.contentType]: 'application/json',
      });
      const decoded = decodeWireFormat(message.value);
      expect(JSON.parse(new TextDecoder().decode(decoded.payload))).toEqual({ ticketId: 'o-7', total: 1999 });
      const subject = await server.app.inject({
        method: 'GET',
        url: '/schema-registry/subjects/orders.ticket-TicketIssued/versions/latest',
      });
      expect(decoded.schema).toEqual({ id: subject.json<{ id: number }>().id });
      // The topic was provisioned with the configured partitions before the relay published anything.
      expect((await consumer.lag()).map((lag) => lag.partition).sort()).toEqual([0, 1]);
    } finally {
      await consumer.stop();
    }
  });

  it('serves the dead letters API', async () => {
    server = await createServer(
      parseConfig({ database: database.config, contracts: { dir: contracts.dir } }),
      { logger },
    );
    const response = await server.app.inject({ method: 'GET', url: '/dead-letters' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ deadLetters: [] });
  });
});
