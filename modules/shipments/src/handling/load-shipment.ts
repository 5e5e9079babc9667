import { fold } from '@omnistream/kernel';
import { shipment } from '../domain/shipment/shipment.js';
import type { ShipmentEvent } from '../domain/shipment/shipment-messages.js';
import { shipmentStreamId } from '../shipments-handlers.js';
import { toShipmentView, type ShipmentView } from '../shipment-view.js';
import type { ShipmentsRuntime } from './shipments-runtime.js';

/** The shipment folded from its stream (exact, with its whole tracking history); SHIPMENT_NOT_FOUND if none. */
export const loadShipment = async (
  { eventStore }: Pick<ShipmentsRuntime, 'eventStore'>,
  shipmentId: string,
): Promise<ShipmentView> => {
  const events = await eventStore.readStream(shipmentStreamId(shipmentId));
  const state = fold(shipment, shipment.initialState(), events as unknown as readonly ShipmentEvent[]);
  return toShipmentView(state, events.at(-1)?.version ?? 0, shipmentId);
};
