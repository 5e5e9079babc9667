import type { TrackingStatus } from '../../domain/shipment/shipment-messages.js';

/**
 * What the sandbox does with a parcel, chosen by the ship-to postal code (spaces and case ignored):
 *
 * | postal code   | outcome                                                              |
 * | ------------- | -------------------------------------------------------------------- |
 * | `SBX REJECT`  | no label: the carrier refuses the address (CARRIER_REJECTED)         |
 * | `SBX DOWN`    | no label: the carrier is unavailable (PROVIDER_UNAVAILABLE), retry   |
 * | `SBX EXCEPT`  | in transit, then an exception, then nothing more                     |
 * | `SBX FAIL`    | in transit, out for delivery, delivery failed, returned to sender    |
 * | anything else | in transit, out for delivery, delivered                              |
 */
export type SandboxScenario =
  | { readonly kind: 'reject' }
  | { readonly kind: 'down' }
  | { readonly kind: 'track'; readonly steps: readonly TrackingStatus[] };

const normal: TrackingStatus[] = ['in_transit', 'out_for_delivery', 'delivered'];

export const sandboxScenario = (postalCode: string): SandboxScenario => {
  switch (postalCode.replace(/\s+/g, '').toUpperCase()) {
    case 'SBXREJECT':
      return { kind: 'reject' };
    case 'SBXDOWN':
      return { kind: 'down' };
    case 'SBXEXCEPT':
      return { kind: 'track', steps: ['in_transit', 'exception'] };
    case 'SBXFAIL':
      return { kind: 'track', steps: ['in_transit', 'out_for_delivery', 'delivery_failed', 'returned'] };
    default:
      return { kind: 'track', steps: normal };
  }
};

export const SANDBOX_DESCRIPTIONS: Readonly<Record<TrackingStatus, string>> = {
  in_transit: 'Parcel collected and on its way',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  exception: 'Parcel damaged in the network',
  delivery_failed: 'Nobody home: delivery attempt failed',
  returned: 'Returned to sender',
};
