import type { HttpApp } from '@omnistream/http';
import { Payment } from './payment-schemas.js';
import { registerPaymentRoutes } from './payment-routes.js';
import type { PaymentsRouteDependencies } from './payments-route-dependencies.js';
import { registerWebhookRoutes } from './webhook-routes.js';

/** Every payments route, under /payments. Call once per app: the shared response schema is added to it. */
export const registerPaymentsRoutes = (app: HttpApp, deps: PaymentsRouteDependencies): void => {
  app.addSchema(Payment);
  registerPaymentRoutes(app, deps);
  registerWebhookRoutes(app, deps.operations);
};
