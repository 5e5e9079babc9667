import type {
  RequestShipmentData,
  ShipmentCommand,
  ShipmentEvent,
  TrackingStatus,
} from './shipment-messages.js';

/** Test fixture: one shipment's commands and events, as the decider specs and contract tests use them. */
export const now = '2026-03-02T10:00:00.000Z';
export const metadata = { now };

export const address = {
  name: 'Ada Lovelace',
  lines: ['12 St James Square'],
  city: 'London',
  postalCode: 'SW1Y 4JH',
  countryCode: 'GB',
};

export const requestData: RequestShipmentData = {
  shipmentId: 'shp-1',
  orderId: 'ord-1',
  market: 'GB',
  shipFrom: {
    locationId: 'dc-1',
    address: {
      name: 'DC 1',
      lines: ['1 Depot Road'],
      city: 'Leeds',
      postalCode: 'LS1 1AA',
      countryCode: 'GB',
    },
  },
  shipTo: address,
  collectionStoreId: null,
  lines: [
    { lineId: 'l1', sku: 'TEE-1', quantity: 2 },
    { lineId: 'l2', sku: 'MUG-1', quantity: 1 },
  ],
  parcel: { weightGrams: 800, lengthMm: 300, widthMm: 200, heightMm: 100 },
  serviceLevel: 'standard',
  carrier: 'sandbox',
};

export const label = {
  carrier: 'sandbox',
  service: 'SBX-STD',
  trackingNumber: 'SBX123',
  labelReference: 'lbl-1',
  cost: { amount: 495, currency: 'GBP' },
};

export const request = (data: Partial<RequestShipmentData> = {}): ShipmentCommand => ({
  type: 'RequestShipment',
  data: { ...requestData, ...data },
  metadata,
});

export const recordLabel = (): ShipmentCommand => ({
  type: 'RecordLabel',
  data: { shipmentId: 'shp-1', ...label },
  metadata,
});

export const track = (
  status: TrackingStatus,
  occurredAt: string,
  carrierEventId = `${status}@${occurredAt}`,
): ShipmentCommand => ({
  type: 'RecordTracking',
  data: {
    shipmentId: 'shp-1',
    carrierEventId,
    status,
    occurredAt,
    location: { city: 'Leeds' },
    description: status,
  },
  metadata,
});

export const cancel = (labelVoided = false): ShipmentCommand => ({
  type: 'CancelShipment',
  data: { shipmentId: 'shp-1', reason: 'customer cancelled', labelVoided },
  metadata,
});

export const requested: ShipmentEvent = {
  type: 'ShipmentRequested',
  data: { ...requestData, requestedAt: now },
};

export const labelled: ShipmentEvent = {
  type: 'ShipmentLabelCreated',
  data: { shipmentId: 'shp-1', orderId: 'ord-1', lines: requestData.lines, ...label, createdAt: now },
};

const TYPES = {
  in_transit: 'ShipmentInTransit',
  out_for_delivery: 'ShipmentOutForDelivery',
  delivered: 'ShipmentDelivered',
  exception: 'ShipmentException',
  delivery_failed: 'ShipmentDeliveryFailed',
  returned: 'ShipmentReturned',
} as const;

/** The public event a tracking report decides when it moves the shipment. */
export const moved = (
  status: TrackingStatus,
  occurredAt: string,
  carrierEventId = `${status}@${occurredAt}`,
): ShipmentEvent => {
  const report = {
    shipmentId: 'shp-1',
    orderId: 'ord-1',
    carrier: 'sandbox',
    trackingNumber: 'SBX123',
    carrierEventId,
    occurredAt,
    location: { city: 'Leeds' },
    description: status,
    recordedAt: now,
  };
  const withLines = ['in_transit', 'delivered', 'delivery_failed', 'returned'].includes(status);
  return {
    type: TYPES[status],
    data: withLines ? { ...report, lines: requestData.lines } : report,
  } as ShipmentEvent;
};

export const noted = (
  status: TrackingStatus,
  occurredAt: string,
  carrierEventId = `${status}@${occurredAt}`,
): ShipmentEvent => ({
  type: 'ShipmentTrackingNoted',
  data: {
    shipmentId: 'shp-1',
    carrierEventId,
    status,
    occurredAt,
    location: { city: 'Leeds' },
    description: status,
    recordedAt: now,
  },
});
