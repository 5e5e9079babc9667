import type { Upcaster } from './upcasters.js';

/** PriceSet v1 { amount } -> v2 { amountMinor } -> v3 PriceChanged { amountMinor, currency }: a chain for tests. */
export const priceUpcasters: Upcaster[] = [
  {
    type: 'PriceSet',
    fromVersion: 1,
    upcast: (data) => ({ amountMinor: Math.round((data as { amount: number }).amount * 100) }),
  },
  {
    type: 'PriceSet',
    fromVersion: 2,
    toType: 'PriceChanged',
    upcast: (data) => ({ ...(data as object), currency: 'EUR' }),
  },
];
