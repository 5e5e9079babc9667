import type { HttpApp } from '@omnistream/http';
import { registerAvailabilityRoutes } from './availability-routes.js';
import { registerNetworkRoutes } from './network-routes.js';
import { registerStockRoutes } from './stock-routes.js';
import { registerSourcingRoutes } from './sourcing-routes.js';
import type { InventoryRouteDependencies } from './inventory-route-dependencies.js';

/** Every inventory route, under /inventory. */
export const registerInventoryRoutes = (app: HttpApp, deps: InventoryRouteDependencies): void => {
  registerNetworkRoutes(app, deps);
  registerStockRoutes(app, deps);
  registerAvailabilityRoutes(app, deps);
  registerSourcingRoutes(app, deps);
};
