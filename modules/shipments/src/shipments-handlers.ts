import { createCommandHandler, type EventStore } from '@omnistream/event-store';
import { shipment } from './domain/shipment/shipment.js';
import { withCarrierEventIds } from './handling/with-carrier-event-ids.js';

/** The one generic command handler (STYLE.md 6) over the shipment decider. */
export const shipmentsHandlers = (eventStore: EventStore) => ({
  shipment: createCommandHandler(withCarrierEventIds(eventStore), shipment),
});

export type ShipmentsHandlers = ReturnType<typeof shipmentsHandlers>;

/** The stream of one shipment (STYLE.md 4). */
export const shipmentStreamId = (shipmentId: string): string => `shipment-${shipmentId}`;
