import type { HttpApp } from '@omnistream/http';
import type { ShipmentsRuntime } from '../handling/shipments-runtime.js';
import { Shipment } from './shipment-schemas.js';
import { registerShipmentRoutes } from './shipment-routes.js';
import { registerWebhookRoutes } from './webhook-routes.js';

/** Every shipments route, under /shipments. Call once per app: the Shipment schema is added to it. */
export const registerShipmentsRoutes = (app: HttpApp, runtime: ShipmentsRuntime): void => {
  app.addSchema(Shipment);
  registerShipmentRoutes(app, runtime);
  registerWebhookRoutes(app, runtime);
};
