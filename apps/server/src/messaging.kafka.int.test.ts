import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_HEADERS, type IncomingMessage } from '@omnistream/messaging';
import { createKafkaBus } from '@omnistream/messaging/kafka';
import { createLogger } from '@omnistream/observability';
import { decodeWireFormat } from '@omnistream/schema-registry';
import { testDatabaseConfigs } from '@omnistream/testing';
import { ticketContractFolder } from './contract-folder.fixture.js';
import { parseConfig } from './config/parse-config.js';
import { createServer, type Server } from './create-server.js';

const logger = createLogger({ level: 'silent' });
const brokers = (process.env.OMNISTREAM_TEST_KAFKA_BROKERS ?? '').split(',');

describe.each(testDatabaseConfigs())('the server on Kafka with $name', (shape) => {
  let contracts: Awaited<ReturnType<typeof ticketContractFolder>>;
  let context: string;
  let database: Awaited<ReturnType<typeof shape.create>>;
  let server: Server | undefined;

  beforeEach(async () => {
    // A context of its own per run: the broker is shared and keeps what earlier runs published.
    context = `shop${randomBytes(4).toString('hex')}`;
    contracts = await ticketContractFolder(context);
    database = await shape.create();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await database.drop();
    await contracts.remove();
  });

  it('provisions the contract topics with the configured partitions and relays a public event appended over HTTP', async () => {
    server = await createServer(
      parseConfig({
        database: database.config,
        contracts: { dir: contracts.dir },
        bus: { kind: 'kafka', brokers },
        topics: { partitions: 3 },
      }),
      { logger },
    );
    expect(server.bus.kind).toBe('kafka');
    const appended = await server.app.inject({
      method: 'POST',
      url: '/streams/ticket-9',
      payload: { events: [{ type: 'TicketIssued', data: { ticketId: 'o-9', total: 4200 } }] },
    });
    expect(appended.statusCode).toBe(201);

    const reader = createKafkaBus({ brokers, clientId: 'server-test-reader' });
    const received: IncomingMessage[] = [];
    const consumer = await reader.consume({
      group: `reader-${context}`,
      topics: [`${context}.ticket`],
      handle: (messages) => {
        received.push(...messages);
        return Promise.resolve();
      },
    });
    try {
      const deadline = Date.now() + 20_000;
      while (received.length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(received).toHaveLength(1);
      const [message] = received as [IncomingMessage];
      expect(message.key).toBe('ticket-9');
      expect(message.headers[EVENT_HEADERS.eventType]).toBe('TicketIssued');
      expect(JSON.parse(new TextDecoder().decode(decodeWireFormat(message.value).payload))).toEqual({
        ticketId: 'o-9',
        total: 4200,
      });
      expect((await consumer.lag()).map((lag) => lag.partition).sort()).toEqual([0, 1, 2]);
    } finally {
      await consumer.stop();
      await reader.close();
    }
  });
});
