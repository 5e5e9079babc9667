import { DomainError, type Decider } from '@omnistream/kernel';
import { checkShipmentRequest } from './check-shipment-request.js';
import { decideTracking, progressOf } from './decide-tracking.js';
import type { Shipment, ShipmentCommand, ShipmentEvent, TrackingStatus } from './shipment-messages.js';

type Existing = Exclude<Shipment, { status: 'none' }>;

/** Plain data in one spelling: keys sorted, since a stored event comes back with its keys in another order. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, child]) => child !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([key, child]) => [key, canonical(child)]),
        )
      : value;

/** The same request again, field by field: a redelivery. */
const sameRequest = (a: unknown, b: unknown): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

const existing = (state: Shipment, shipmentId: string): Existing => {
  if (state.status === 'none')
    throw new DomainError('SHIPMENT_NOT_FOUND', `there is no shipment ${shipmentId}`, { shipmentId });
  return state;
};

const TRACKED = {
  ShipmentInTransit: 'in_transit',
  ShipmentOutForDelivery: 'out_for_delivery',
  ShipmentDelivered: 'delivered',
  ShipmentException: 'exception',
  ShipmentDeliveryFailed: 'delivery_failed',
  ShipmentReturned: 'returned',
} as const satisfies Record<string, TrackingStatus>;

/**
 * One parcel from a location to an address or a collection store (stream `shipment-<shipmentId>`): requested,
 * labelled by its carrier, then moved by the carrier's tracking reports until delivered or returned. Cancelling
 * is allowed until the carrier has it, and needs the label voided first. The order saga may send every command
 * twice, so each is idempotent: a repeated request or label changes nothing, and never buys a second label.
 */
export const shipment: Decider<Shipment, ShipmentCommand, ShipmentEvent> = {
  initialState: () => ({ status: 'none' }),

  decide: (command, state) => {
    const now = command.metadata.now;
    switch (command.type) {
      case 'RequestShipment': {
        if (state.status !== 'none') {
          const { requestedAt: _, ...before } = state.request;
          if (sameRequest(before, command.data)) return [];
          throw new DomainError(
            'SHIPMENT_CONFLICT',
            `shipment ${command.data.shipmentId} was already requested with other details`,
            { shipmentId: command.data.shipmentId },
          );
        }
        checkShipmentRequest(command.data);
        return [{ type: 'ShipmentRequested', data: { ...command.data, requestedAt: now } }];
      }
      case 'RecordLabel': {
        const current = existing(state, command.data.shipmentId);
        if (current.label !== null) return []; // the label is bought once; a retry only reads it back
        if (current.status === 'cancelled')
          throw new DomainError(
            'SHIPMENT_CANCELLED_CONFLICT',
            `shipment ${command.data.shipmentId} was cancelled; its label must be voided`,
          );
        const { shipmentId, ...label } = command.data;
        const { orderId, lines } = current.request;
        return [
          { type: 'ShipmentLabelCreated', data: { shipmentId, orderId, lines, ...label, createdAt: now } },
        ];
      }
      case 'RecordLabelFailure': {
        const current = existing(state, command.data.shipmentId);
        if (current.status !== 'requested') return [];
        const { shipmentId, carrier, reason } = command.data;
        return [
          {
            type: 'ShipmentLabelFailed',
            data: { shipmentId, orderId: current.request.orderId, carrier, reason, failedAt: now },
          },
        ];
      }
      case 'RecordTracking':
        return decideTracking(command.data, existing(state, command.data.shipmentId), now);
      case 'CancelShipment': {
        const current = existing(state, command.data.shipmentId);
        if (current.status === 'cancelled') return []; // compensations may run twice
        if (progressOf(current) > 1)
          throw new DomainError(
            'SHIPMENT_ALREADY_HANDED_OVER',
            `shipment ${command.data.shipmentId} is ${current.status}: the carrier has it, it can no longer be cancelled`,
            { status: current.status },
          );
        if (current.label !== null && !command.data.labelVoided)
          throw new DomainError(
            'LABEL_NOT_VOIDED',
            `shipment ${command.data.shipmentId} has a label: void it with the carrier before cancelling`,
          );
        const { shipmentId, orderId, lines } = current.request;
        return [
          {
            type: 'ShipmentCancelled',
            data: {
              shipmentId,
              orderId,
              lines,
              reason: command.data.reason,
              labelVoided: current.label !== null,
              cancelledAt: now,
            },
          },
        ];
      }
    }
  },

  evolve: (state, event) => {
    if (event.type === 'ShipmentRequested')
      return {
        status: 'requested',
        request: event.data,
        label: null,
        history: [],
        seen: new Set(),
        lastMovedAt: null,
        failure: null,
      };
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'ShipmentLabelCreated': {
        const { carrier, service, trackingNumber, labelReference, cost } = event.data;
        return {
          ...state,
          status: 'label_created',
          label: { carrier, service, trackingNumber, labelReference, cost },
          failure: null,
        };
      }
      case 'ShipmentLabelFailed':
        return { ...state, status: 'label_failed', failure: event.data.reason };
      case 'ShipmentCancelled':
        return { ...state, status: 'cancelled' };
      case 'ShipmentTrackingNoted': {
        const { carrierEventId, status, occurredAt, location, description } = event.data;
        return {
          ...state,
          seen: new Set([...state.seen, carrierEventId]),
          history: [...state.history, { status, occurredAt, location, description, applied: false }],
        };
      }
      case 'ShipmentInTransit':
      case 'ShipmentOutForDelivery':
      case 'ShipmentDelivered':
      case 'ShipmentException':
      case 'ShipmentDeliveryFailed':
      case 'ShipmentReturned': {
        const status = TRACKED[event.type];
        const { carrierEventId, occurredAt, location, description } = event.data;
        return {
          ...state,
          status,
          seen: new Set([...state.seen, carrierEventId]),
          history: [...state.history, { status, occurredAt, location, description, applied: true }],
          lastMovedAt: occurredAt,
        };
      }
    }
  },
};
