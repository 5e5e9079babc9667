import type { CommandMetadata } from '@omnistream/kernel';
import type { EventStore } from '@omnistream/event-store';
import type { HttpApp } from '@omnistream/http';
import type { AvailabilityView } from '../availability/availability-view.js';
import type { InventoryHandlers } from '../inventory-handlers.js';
import { registerAvailabilityRoutes } from './availability-routes.js';
import { registerNetworkRoutes } from './network-routes.js';
import { registerStockRoutes } from './stock-routes.js';

export interface InventoryRouteDependencies {
  readonly eventStore: EventStore;
  readonly handlers: InventoryHandlers;
  readonly view: AvailabilityView;
  readonly metadata: (correlationId?: string) => CommandMetadata;
}

/** Every inventory route, under /inventory. */
export const registerInventoryRoutes = (app: HttpApp, deps: InventoryRouteDependencies): void => {
  registerNetworkRoutes(app, deps);
  registerStockRoutes(app, deps);
  registerAvailabilityRoutes(app, deps);
};
