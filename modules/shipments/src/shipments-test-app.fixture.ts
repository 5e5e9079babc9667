import { openModuleBed, type ModuleBed, type TestDatabase } from '@omnistream/testing';
import { createShipmentsModule, shipmentsAppendHooks, type ShipmentsModule } from './shipments-module.js';

export interface ShipmentsTestApp extends Omit<ModuleBed, 'close'> {
  readonly module: ShipmentsModule;
  close(): Promise<void>;
}

/**
 * Test fixture: shipments wired as the server wires a module (openModuleBed: HTTP app, event store with the inline
 * read model, shipments contracts checked on every append), and the module started. `listenPort` makes the app
 * listen, for carriers that call back.
 */
export const openShipmentsTestApp = async (
  target: TestDatabase,
  { config, fetch: client, listenPort }: { config?: unknown; fetch?: typeof fetch; listenPort?: number } = {},
): Promise<ShipmentsTestApp> => {
  const bed = await openModuleBed(target, { context: 'shipments', appendHooks: shipmentsAppendHooks() });
  const module = createShipmentsModule({
    eventStore: bed.store,
    database: bed.opened.db,
    config,
    ...(client === undefined ? {} : { fetch: client }),
    onError: (error, where) => console.error(where, error),
  });
  module.registerRoutes(bed.app);
  await module.start();
  await bed.app.ready();
  if (listenPort !== undefined) await bed.app.listen({ port: listenPort, host: '127.0.0.1' });
  return { ...bed, module, close: () => bed.close(() => module.close()) };
};

/** A port free now, for an app that must know its own URL before it listens. */
export const freePort = async (): Promise<number> => {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
};
