import type { PaymentsConfig, ProviderName } from './payments-config.js';

/** The provider for a market and payment method: the first matching route, else the default. */
export const chooseProvider = (config: PaymentsConfig, market: string, method: string): ProviderName =>
  config.routes.find(
    (route) =>
      (route.market === undefined || route.market === market) &&
      (route.method === undefined || route.method === method),
  )?.provider ?? config.defaultProvider;
