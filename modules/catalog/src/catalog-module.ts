import { systemClock, type Clock } from '@omnistream/kernel';
import type { AppendHook, Database, EventStore } from '@omnistream/event-store';
import type { HttpApp } from '@omnistream/http';
import {
  inlineProjection,
  startProjection,
  type Projection,
  type ProjectionHandle,
} from '@omnistream/projections';
import { catalogHandlers } from './catalog-handlers.js';
import { registerCatalogRoutes } from './http/register-catalog-routes.js';
import { priceProjection } from './read-models/price-projection.js';
import { productProjection } from './read-models/product-projection.js';

/**
 * The catalog read models. They are inline: the event store must be created with `catalogAppendHooks()` among
 * its `onAppended` hooks, or the read models stop following once built (and reads lag writes for good).
 */
export const catalogProjections: readonly Projection[] = [productProjection, priceProjection];

/** The inline hooks of catalogProjections, for `createEventStore(db, { onAppended })`. */
export const catalogAppendHooks = (): AppendHook[] =>
  catalogProjections.map((projection) => inlineProjection(projection));

export interface CatalogModuleDependencies {
  /** Created with catalogAppendHooks() among its onAppended hooks (and the contracts' validate hook). */
  readonly eventStore: EventStore;
  /** Where the read models are read; usually the event store's own database. */
  readonly database: Database;
  readonly clock?: Clock;
  /** Failed projection attempts (they are retried); log them. */
  readonly onError?: (error: unknown, where: string) => void;
}

export interface CatalogModule {
  readonly name: 'catalog';
  /** Adds every route under /catalog; call once per app, before it listens. */
  registerRoutes(app: HttpApp): void;
  /** Registers and builds the read models; resolves once they are active, so reads see every write. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Products, price lists and promotions (DESIGN.md layout: modules/catalog). Nothing runs until `start`; the
 * server mounts the routes and runs the migrations the read models need (platform, projections, http).
 */
export const createCatalogModule = ({
  eventStore,
  database,
  clock = systemClock,
  onError = () => {},
}: CatalogModuleDependencies): CatalogModule => {
  const handlers = catalogHandlers(eventStore);
  let projections: ProjectionHandle[] = [];
  return {
    name: 'catalog',
    registerRoutes: (app) => registerCatalogRoutes(app, { handlers, database, clock }),
    start: async () => {
      projections = catalogProjections.map((projection) =>
        startProjection(eventStore, projection, {
          inline: true,
          onError: (error) => onError(error, `projection ${projection.name}`),
        }),
      );
      await Promise.all(projections.map((projection) => projection.activated()));
    },
    close: async () => {
      const running = projections;
      projections = [];
      await Promise.all(running.map((projection) => projection.stop()));
    },
  };
};
