import type {
  OrderFulfilment,
  OrderLine,
  OrderPlaced,
  OrderShipment,
  OrderStatus,
  ReturnLine,
} from '@omnistream/contracts/orders';

export interface LineState {
  readonly line: OrderLine;
  /** `unfulfillable`: no location could fulfil it at release (partial fulfilment). */
  readonly status: 'open' | 'cancelled' | 'unfulfillable';
  readonly reservationId: string | null;
  /** Units authorised for return so far. */
  readonly returned: number;
}

export type ShipmentStatus = 'released' | 'picked' | 'dispatched' | 'delivered' | 'rejected';

export interface ShipmentState {
  readonly shipment: OrderShipment;
  readonly status: ShipmentStatus;
  readonly carrier: string | null;
  readonly trackingNumber: string | null;
}

export interface PaymentState {
  readonly paymentId: string;
  readonly authorised: number;
  readonly captured: number;
  readonly refunded: number;
  readonly captureIds: readonly string[];
  readonly refundIds: readonly string[];
}

export interface ReturnState {
  readonly returnId: string;
  readonly lines: readonly ReturnLine[];
  readonly amount: number;
  readonly status: 'authorised' | 'received' | 'refunded';
}

export interface Order {
  readonly status: OrderStatus;
  readonly placed: OrderPlaced;
  /** The fulfilment as it is now (the address may change before release). */
  readonly fulfilment: OrderFulfilment;
  readonly lines: readonly LineState[];
  /** What the open lines cost. */
  readonly total: number;
  readonly stockReserved: boolean;
  readonly payment: PaymentState | null;
  readonly shipments: readonly ShipmentState[];
  readonly returns: readonly ReturnState[];
}

/** An order stream: nothing yet, or an order in one of its statuses. */
export type OrderState = { readonly status: 'none' } | Order;
