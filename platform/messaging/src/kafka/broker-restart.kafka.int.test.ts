import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killBroker, startBroker, stopBroker } from '../../../../scripts/kafka/broker.js';
import type { IncomingMessage } from '../bus.js';
import { createKafkaBus } from './kafka-bus.js';
import { collectInto, textMessage, textOf, unique, waitFor } from './kafka-test-helpers.js';

// A broker of its own (own ports, own directory), so that killing it never disturbs the shared one.
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

let dir = '';
afterAll(async () => {
  if (dir === '') return;
  await stopBroker({ dir });
  await rm(dir, { recursive: true, force: true });
});

describe('a broker started through the programmatic API', () => {
  it('keeps acknowledged messages through a SIGKILL and a restart', { timeout: 180_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'omnistream-kafka-'));
    const layout = { dir, port: await freePort(), controllerPort: await freePort() };
    const broker = await startBroker(layout);
    expect(broker.alreadyRunning).toBe(false);
    expect((await startBroker(layout)).alreadyRunning).toBe(true);

    const topic = unique('durable');
    const before = createKafkaBus({ brokers: [broker.bootstrap], clientId: 'restart-test' });
    await before.provision([{ name: topic, partitions: 2, replicationFactor: 1 }]);
    await before.publish(Array.from({ length: 100 }, (_, i) => textMessage(topic, `k-${i % 7}`, String(i))));
    await before.close();

    expect(await killBroker({ dir })).toBe(true);
    await startBroker(layout);

    const after = createKafkaBus({
      brokers: [broker.bootstrap],
      clientId: 'restart-test',
      retryDelayMs: 200,
    });
    const received: IncomingMessage[] = [];
    const consumer = await after.consume({
      group: unique('g'),
      topics: [topic],
      handle: collectInto(received),
    });
    await waitFor('the 100 messages produced before the crash', () => received.length >= 100, 60_000);
    await consumer.stop();
    await after.close();
    expect(received.map(textOf).sort()).toEqual(Array.from({ length: 100 }, (_, i) => String(i)).sort());
  });
});
