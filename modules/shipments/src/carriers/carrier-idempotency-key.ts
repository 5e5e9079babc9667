import { createHash } from 'node:crypto';

/**
 * The key every label purchase of one shipment carries: derived from the shipment id alone, never random, so the
 * retry after a crash between buying and recording asks the carrier for the same label. 32 hex characters, which
 * also fits carriers that cap a request id at 32 (UPS `transId`). Wire format: never change it.
 */
export const carrierIdempotencyKey = (shipmentId: string, purpose: 'label' | 'void' = 'label'): string =>
  createHash('sha256')
    .update(`omnistream/shipment/${shipmentId}/${purpose}`, 'utf8')
    .digest('hex')
    .slice(0, 32);
