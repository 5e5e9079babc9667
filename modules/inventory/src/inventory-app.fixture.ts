import { createEventStore, platformMigrations, type EventStore } from '@omnistream/event-store';
import { projectionsSchema } from '@omnistream/projections';
import { createHttpApp, type HttpApp } from '@omnistream/http';
import { createLogger } from '@omnistream/observability';
import type { TestDatabase } from '@omnistream/testing';
import { createInventoryModule, inventoryAppendHooks, type InventoryModule } from './inventory-module.js';

export interface InventoryApp {
  readonly app: HttpApp;
  readonly store: EventStore;
  readonly inventory: InventoryModule;
  close(): Promise<void>;
}

/** A real inventory over HTTP on a fresh test database: the event store with its inline projections, the module. */
export const openInventoryApp = async (
  database: TestDatabase,
  options: { maxConnections?: number; expirySweepIntervalMs?: number } = {},
): Promise<InventoryApp> => {
  const migrations = [...platformMigrations, projectionsSchema];
  const opened = await database.open(
    options.maxConnections === undefined
      ? { migrations }
      : { migrations, maxConnections: options.maxConnections },
  );
  const store = createEventStore(opened.db, { onAppended: inventoryAppendHooks() });
  const inventory = createInventoryModule({
    eventStore: store,
    onError: (error, where) => console.error(where, error),
    ...(options.expirySweepIntervalMs === undefined
      ? {}
      : { expirySweepIntervalMs: options.expirySweepIntervalMs }),
  });
  const app = await createHttpApp({ logger: createLogger({ level: 'silent' }) });
  inventory.registerRoutes(app);
  await inventory.start();
  await app.ready();
  return {
    app,
    store,
    inventory,
    close: async () => {
      await app.close();
      await inventory.close();
      await store.close();
      await opened.close();
    },
  };
};

/** A market with one DC and two stores, and a web channel drawing on all three. */
export const seedNetwork = async (app: HttpApp): Promise<void> => {
  const locations = [
    { id: 'dc-1', type: 'dc', priority: 10, capabilities: ['ship', 'transfer'] },
    { id: 'store-a', type: 'store', priority: 5, capabilities: ['pick_up', 'ship_from_store'] },
    { id: 'store-b', type: 'store', priority: 3, capabilities: ['pick_up', 'ship_from_store'] },
  ];
  for (const l of locations) {
    const response = await app.inject({
      method: 'PUT',
      url: `/inventory/locations/${l.id}`,
      payload: {
        name: l.id,
        type: l.type,
        market: 'GB',
        lat: 51.5,
        lon: -0.12,
        priority: l.priority,
        dailyCapacity: 500,
        capabilities: l.capabilities,
      },
    });
    if (response.statusCode !== 200) throw new Error(`location ${l.id}: ${response.body}`);
  }
  const channel = await app.inject({
    method: 'PUT',
    url: '/inventory/channels/web-gb',
    payload: { market: 'GB', priceChannel: 'web', currency: 'GBP', locationTypes: ['dc', 'store'] },
  });
  if (channel.statusCode !== 200) throw new Error(`channel: ${channel.body}`);
};
