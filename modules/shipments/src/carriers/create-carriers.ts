import type { Clock } from '@omnistream/kernel';
import type { ShipmentsConfig } from '../config/shipments-config.js';
import type { Carrier } from './carrier.js';
import { createSandboxCarrier } from './sandbox/sandbox-carrier.js';
import { createUpsCarrier } from './ups/ups-carrier.js';

/** One adapter per carrier configured under `carriers`. */
export const createCarriers = (
  config: ShipmentsConfig,
  deps: {
    clock: Clock;
    fetch: typeof fetch;
    onError: (error: unknown, where: string) => void;
    deliverInProcess?: (rawBody: string, headers: Record<string, string>) => Promise<void>;
  },
): Map<string, Carrier> => {
  const carriers = new Map<string, Carrier>();
  const { sandbox, ups } = config.carriers;
  if (sandbox !== undefined) carriers.set('sandbox', createSandboxCarrier({ config: sandbox, ...deps }));
  if (ups !== undefined)
    carriers.set('ups', createUpsCarrier({ config: ups, clock: deps.clock, fetch: deps.fetch }));
  return carriers;
};
