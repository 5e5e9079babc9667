import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer } from 'node:net';
import type { Bus, IncomingMessage, OutgoingMessage } from '../bus.js';

/** Shared by the *.kafka.int.test.ts suites: unique names, message builders and a wait that fails loudly. */
export const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

export const textMessage = (topic: string, key: string, text: string, headers = {}): OutgoingMessage => ({
  topic,
  key,
  value: new TextEncoder().encode(text),
  headers,
});

export const textOf = (message: IncomingMessage): string => new TextDecoder().decode(message.value);

export const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) => {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
};

/** Provisions a fresh topic and returns its name. */
export const freshTopic = async (bus: Bus, partitions: number): Promise<string> => {
  const name = unique('test');
  await bus.provision([{ name, partitions, replicationFactor: 1 }]);
  return name;
};

/** A handler that keeps what it is given. */
export const collectInto =
  (into: IncomingMessage[]) =>
  (messages: readonly IncomingMessage[]): Promise<void> => {
    into.push(...messages);
    return Promise.resolve();
  };

/** A TCP port nobody listens on right now, for a broker of a test's own. */
export const freePort = (): Promise<number> =>
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
