import type { HttpApp } from '@omnistream/http';
import type { CatalogRouteDependencies } from './catalog-route-dependencies.js';
import { registerPriceEntryRoutes } from './price-entry-routes.js';
import { registerPriceListRoutes } from './price-list-routes.js';
import { registerPriceRoutes } from './price-routes.js';
import { PriceList, Promotion } from './price-list-schemas.js';
import { registerProductRoutes } from './product-routes.js';
import { Product } from './product-schemas.js';
import { registerPromotionRoutes } from './promotion-routes.js';

/** Every catalog route, under /catalog. Call once per app: the shared response schemas are added to it. */
export const registerCatalogRoutes = (app: HttpApp, deps: CatalogRouteDependencies): void => {
  app.addSchema(Product);
  app.addSchema(Promotion);
  app.addSchema(PriceList);
  registerProductRoutes(app, deps);
  registerPriceListRoutes(app, deps);
  registerPriceEntryRoutes(app, deps);
  registerPromotionRoutes(app, deps);
  registerPriceRoutes(app, deps);
};
