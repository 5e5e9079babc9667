import { DomainError } from '@omnistream/kernel';
import type {
  RecordTrackingData,
  Shipment,
  ShipmentEvent,
  ShipmentStatus,
  TrackingStatus,
} from './shipment-messages.js';

type Existing = Exclude<Shipment, { status: 'none' }>;

/**
 * How far along the road a status is. A report only moves a shipment to a status at least as far along: carriers
 * deliver webhooks out of order, and a late "in transit" must never undo "delivered". An exception is not a step
 * of its own: it keeps the progress already made.
 */
const RANK: Readonly<Record<Exclude<TrackingStatus, 'exception'>, number>> = {
  in_transit: 2,
  out_for_delivery: 3,
  delivery_failed: 3,
  delivered: 5,
  returned: 5,
};

const ENDED: ReadonlySet<ShipmentStatus> = new Set(['delivered', 'returned', 'cancelled']);

export const progressOf = (state: Existing): number =>
  state.history.reduce(
    (most, entry) =>
      entry.applied && entry.status !== 'exception' ? Math.max(most, RANK[entry.status]) : most,
    state.label === null ? 0 : 1,
  );

const TYPES = {
  in_transit: 'ShipmentInTransit',
  out_for_delivery: 'ShipmentOutForDelivery',
  delivered: 'ShipmentDelivered',
  exception: 'ShipmentException',
  delivery_failed: 'ShipmentDeliveryFailed',
  returned: 'ShipmentReturned',
} as const;

const WITH_LINES: ReadonlySet<TrackingStatus> = new Set([
  'in_transit',
  'delivered',
  'delivery_failed',
  'returned',
]);

/** A carrier's tracking report: one public event when it moves the shipment, a private note when it does not. */
export const decideTracking = (data: RecordTrackingData, state: Existing, now: string): ShipmentEvent[] => {
  if (state.seen.has(data.carrierEventId)) return []; // a repeated webhook: nothing new happened
  if (state.label === null)
    throw new DomainError(
      'TRACKING_BEFORE_LABEL_CONFLICT',
      `shipment ${data.shipmentId} has no label recorded yet; the carrier's report can be retried`,
    );
  const noted: ShipmentEvent[] = [{ type: 'ShipmentTrackingNoted', data: { ...data, recordedAt: now } }];
  if (ENDED.has(state.status)) return noted;
  if (state.lastMovedAt !== null && data.occurredAt < state.lastMovedAt) return noted;
  if (data.status === 'exception') {
    if (state.status === 'exception') return noted;
  } else {
    const progress = progressOf(state);
    if (RANK[data.status] < progress || (RANK[data.status] === progress && state.status === data.status))
      return noted;
  }
  const { shipmentId, orderId, lines } = state.request;
  const report = {
    shipmentId,
    orderId,
    carrier: state.label.carrier,
    trackingNumber: state.label.trackingNumber,
    carrierEventId: data.carrierEventId,
    occurredAt: data.occurredAt,
    location: data.location,
    description: data.description,
    recordedAt: now,
  };
  const type = TYPES[data.status];
  return [
    {
      type,
      data: WITH_LINES.has(data.status) ? { ...report, lines } : report,
    } as ShipmentEvent,
  ];
};
