import type { LineReservationRef, SourcedShipment } from '@omnistream/contracts/inventory';
import type { OrderPlaced } from '@omnistream/contracts/orders';

/** A shipment as the saga planned it: where it comes from, how, and which lines. */
export interface FlowShipment extends SourcedShipment {
  readonly shipmentId: string;
}

export type FlowPhase = 'reserving' | 'authorising' | 'sourcing' | 'released';

/** What the order flow remembers between inputs (folded from its own events only). */
export interface OrderFlow {
  readonly phase: FlowPhase | 'new';
  readonly order: OrderPlaced | null;
  readonly reservations: readonly LineReservationRef[];
  readonly paymentId: string | null;
  /** How many times the order was sourced; names the source and release steps of each attempt. */
  readonly sourcings: number;
  /** Locations that rejected a shipment of this order: never asked again. */
  readonly excluded: readonly string[];
  /** The lines the current sourcing attempt is for: all of them first, a rejected shipment's lines after. */
  readonly sourcing: readonly LineReservationRef[] | null;
  readonly shipments: Readonly<Record<string, FlowShipment>>;
  /** Shipments picked, for collection orders (ready when all of them are at the store). */
  readonly picked: readonly string[];
}

export type OrderFlowEvent =
  | { readonly type: 'OrderFlowStarted'; readonly data: { readonly order: OrderPlaced } }
  | {
      readonly type: 'OrderFlowStockHeld';
      readonly data: { readonly reservations: readonly LineReservationRef[] };
    }
  | { readonly type: 'OrderFlowPaymentAuthorised'; readonly data: { readonly paymentId: string } }
  | {
      readonly type: 'OrderFlowSourcingRequested';
      /** `lines` absent: every line of the order (the first attempt, and streams written before it was added). */
      readonly data: { readonly attempt: number; readonly lines?: readonly LineReservationRef[] };
    }
  | { readonly type: 'OrderFlowSourced'; readonly data: { readonly shipments: readonly FlowShipment[] } }
  | { readonly type: 'OrderFlowLocationExcluded'; readonly data: { readonly locationId: string } }
  | { readonly type: 'OrderFlowShipmentPicked'; readonly data: { readonly shipmentId: string } };

export const initialOrderFlow = (): OrderFlow => ({
  phase: 'new',
  order: null,
  reservations: [],
  paymentId: null,
  sourcings: 0,
  excluded: [],
  sourcing: null,
  shipments: {},
  picked: [],
});

export const evolveOrderFlow = (state: OrderFlow, event: OrderFlowEvent): OrderFlow => {
  switch (event.type) {
    case 'OrderFlowStarted':
      return { ...state, phase: 'reserving', order: event.data.order };
    case 'OrderFlowStockHeld':
      return { ...state, phase: 'authorising', reservations: event.data.reservations };
    case 'OrderFlowPaymentAuthorised':
      return { ...state, phase: 'sourcing', paymentId: event.data.paymentId };
    case 'OrderFlowSourcingRequested':
      return {
        ...state,
        phase: 'sourcing',
        sourcings: event.data.attempt,
        sourcing: event.data.lines ?? null,
      };
    case 'OrderFlowSourced':
      return {
        ...state,
        phase: 'released',
        shipments: {
          ...state.shipments,
          ...Object.fromEntries(event.data.shipments.map((s) => [s.shipmentId, s])),
        },
      };
    case 'OrderFlowLocationExcluded':
      return { ...state, excluded: [...state.excluded, event.data.locationId] };
    case 'OrderFlowShipmentPicked':
      return { ...state, picked: [...state.picked, event.data.shipmentId] };
  }
};
