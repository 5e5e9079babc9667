import { DomainError } from '@omnistream/kernel';
import type { Carrier } from '../carriers/carrier.js';

/** The configured carrier by id; a shipment recorded with a carrier no longer configured cannot be acted on. */
export const carrierOf = (carriers: ReadonlyMap<string, Carrier>, id: string): Carrier => {
  const carrier = carriers.get(id);
  if (carrier === undefined)
    throw new DomainError('CARRIER_NOT_CONFIGURED', `carrier ${id} is not configured in this process`, {
      carrier: id,
    });
  return carrier;
};
