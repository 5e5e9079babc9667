import { fixedClock } from '@omnistream/kernel';
import { openModuleBed, type ModuleBed, type TestDatabase } from '@omnistream/testing';
import { catalogAppendHooks, createCatalogModule, type CatalogModule } from './catalog-module.js';

export interface CatalogTestApp extends Omit<ModuleBed, 'close'> {
  readonly clock: ReturnType<typeof fixedClock>;
  readonly module: CatalogModule;
  close(): Promise<void>;
}

/**
 * Test fixture: the catalog wired as the server wires a module (openModuleBed: HTTP app, event store with the
 * catalog's inline projections, catalog contracts checked on every append), and the module started. The clock
 * stands still until moved.
 */
export const openCatalogTestApp = async (
  target: TestDatabase,
  { now = '2025-06-01T09:00:00.000Z' }: { now?: string } = {},
): Promise<CatalogTestApp> => {
  const bed = await openModuleBed(target, { context: 'catalog', appendHooks: catalogAppendHooks() });
  const clock = fixedClock(now);
  const module = createCatalogModule({ eventStore: bed.store, database: bed.opened.db, clock });
  module.registerRoutes(bed.app);
  await module.start();
  await bed.app.ready();
  return { ...bed, clock, module, close: () => bed.close(() => module.close()) };
};
