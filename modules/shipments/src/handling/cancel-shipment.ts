import type { CommandMetadata } from '@omnistream/kernel';
import { carrierIdempotencyKey } from '../carriers/carrier-idempotency-key.js';
import { shipmentStreamId } from '../shipments-handlers.js';
import { toShipmentView, type ShipmentView } from '../shipment-view.js';
import { carrierOf } from './carrier-of.js';
import { loadShipment } from './load-shipment.js';
import { moduleMetadata, type ShipmentsRuntime } from './shipments-runtime.js';

/**
 * Cancels a shipment the carrier does not have yet, voiding its label first when one was bought (the order saga's
 * compensation for "create shipment"; safe to repeat). Refused with SHIPMENT_ALREADY_HANDED_OVER once it moves.
 */
export const cancelShipment = async (
  runtime: ShipmentsRuntime,
  { shipmentId, reason }: { readonly shipmentId: string; readonly reason: string },
  metadata: Partial<CommandMetadata> = {},
): Promise<ShipmentView> => {
  const { handlers, carriers, clock } = runtime;
  const current = await loadShipment(runtime, shipmentId);
  let labelVoided = false;
  if (current.label !== null && current.status === 'label_created') {
    await carrierOf(carriers, current.label.carrier).cancel({
      shipmentId,
      idempotencyKey: carrierIdempotencyKey(shipmentId, 'void'),
      trackingNumber: current.label.trackingNumber,
      labelReference: current.label.labelReference,
    });
    labelVoided = true;
  }
  const result = await handlers.shipment(shipmentStreamId(shipmentId), {
    type: 'CancelShipment',
    data: { shipmentId, reason, labelVoided },
    metadata: moduleMetadata(clock, metadata),
  });
  return toShipmentView(result.state, result.nextExpectedVersion, shipmentId);
};
