import { DomainError } from '@omnistream/kernel';
import type { ServiceLevel } from '@omnistream/contracts/shipments';
import type { ShipmentsConfig } from './shipments-config.js';

/**
 * The carrier for a market and service level: the one asked for, when it is configured, else the first matching
 * route, else the default. An unknown carrier asked for by name is the caller's mistake (INVALID_CARRIER).
 */
export const selectCarrier = (
  config: ShipmentsConfig,
  {
    market,
    serviceLevel,
    carrier,
  }: { market: string; serviceLevel: ServiceLevel; carrier?: string | undefined },
): string => {
  if (carrier !== undefined) {
    if (!Object.keys(config.carriers).includes(carrier))
      throw new DomainError(
        'INVALID_CARRIER',
        `unknown carrier ${JSON.stringify(carrier)}; configured: ${Object.keys(config.carriers).join(', ')}`,
      );
    return carrier;
  }
  const route = config.routes.find(
    (candidate) =>
      (candidate.market === undefined || candidate.market === market) &&
      (candidate.serviceLevel === undefined || candidate.serviceLevel === serviceLevel),
  );
  return route?.carrier ?? config.defaultCarrier;
};
