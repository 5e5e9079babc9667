import { isDomainError, type CommandMetadata } from '@omnistream/kernel';
import type { CarrierTrackingEvent } from '../carriers/carrier.js';
import { shipmentStreamId } from '../shipments-handlers.js';
import { moduleMetadata, type ShipmentsRuntime } from './shipments-runtime.js';

export interface TrackingOutcome {
  /** Reports the carrier sent. */
  readonly received: number;
  /** Reports that wrote something (a move, or a note of a late report). */
  readonly recorded: number;
  /** Reports about parcels we do not know, or already recorded. */
  readonly ignored: number;
}

/**
 * Applies normalised carrier reports to their shipments. The shipment is found by the reference the carrier echoes,
 * else by tracking number. Unknown parcels are ignored rather than refused: a carrier retries refused webhooks for
 * days, and one about a parcel we never shipped will not become ours.
 */
export const applyTracking = async (
  { handlers, index, clock }: ShipmentsRuntime,
  carrier: string,
  reports: readonly CarrierTrackingEvent[],
  metadata: Partial<CommandMetadata> = {},
): Promise<TrackingOutcome> => {
  let recorded = 0;
  for (const report of reports) {
    const shipmentId = report.shipmentId ?? (await index.byTrackingNumber(carrier, report.trackingNumber));
    if (shipmentId === undefined) continue;
    try {
      const result = await handlers.shipment(shipmentStreamId(shipmentId), {
        type: 'RecordTracking',
        data: {
          shipmentId,
          carrierEventId: report.carrierEventId,
          status: report.status,
          occurredAt: report.occurredAt,
          location: report.location,
          description: report.description,
        },
        metadata: moduleMetadata(clock, metadata),
      });
      if (result.events.some((event) => !event.id || event.version > 0))
        recorded += result.events.length > 0 ? 1 : 0;
    } catch (error) {
      if (!isDomainError(error, 'SHIPMENT_NOT_FOUND')) throw error;
    }
  }
  return { received: reports.length, recorded, ignored: reports.length - recorded };
};
