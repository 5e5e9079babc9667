import type { Command } from '@omnistream/kernel';
import type { DeliveryAddress, OrderPlaced, OrderShipment } from '@omnistream/contracts/orders';

/** Customer and store commands (over HTTP). PlaceOrder carries lines already priced at the edge. */
export type PlaceOrder = Command<'PlaceOrder', Omit<OrderPlaced, 'placedAt'>>;
export type CancelOrder = Command<'CancelOrder', { orderId: string; reason: string }>;
export type CancelOrderLines = Command<
  'CancelOrderLines',
  { orderId: string; lineIds: readonly string[]; reason: string }
>;
export type ChangeDeliveryAddress = Command<
  'ChangeDeliveryAddress',
  { orderId: string; address: DeliveryAddress }
>;
export type ConfirmShipmentPicked = Command<'ConfirmShipmentPicked', { orderId: string; shipmentId: string }>;
export type RejectShipment = Command<
  'RejectShipment',
  { orderId: string; shipmentId: string; reason: string }
>;
export type ConfirmCollected = Command<'ConfirmCollected', { orderId: string; storeId?: string }>;
export type RequestReturn = Command<
  'RequestReturn',
  {
    orderId: string;
    returnId: string;
    lines: readonly { lineId: string; quantity: number }[];
    reason: string;
  }
>;
export type ReceiveReturn = Command<'ReceiveReturn', { orderId: string; returnId: string }>;

/** Facts the order saga records: each may arrive twice, and a repeat decides nothing. */
export type RecordStockReserved = Command<
  'RecordStockReserved',
  { orderId: string; reservations: readonly { lineId: string; reservationId: string }[] }
>;
export type RecordPaymentAuthorised = Command<
  'RecordPaymentAuthorised',
  { orderId: string; paymentId: string; amount: number }
>;
export type ReleaseOrder = Command<
  'ReleaseOrder',
  { orderId: string; shipments: readonly OrderShipment[]; unfulfillableLineIds: readonly string[] }
>;
export type RecordShipmentDispatched = Command<
  'RecordShipmentDispatched',
  { orderId: string; shipmentId: string; carrier: string; trackingNumber: string }
>;
export type RecordShipmentDelivered = Command<
  'RecordShipmentDelivered',
  { orderId: string; shipmentId: string }
>;
export type MarkReadyForCollection = Command<'MarkReadyForCollection', { orderId: string; storeId: string }>;
/** `captureId` tells the captures of one payment apart (e.g. the shipment's id); absent means the payment id. */
export type RecordPaymentCaptured = Command<
  'RecordPaymentCaptured',
  { orderId: string; paymentId: string; amount: number; captureId?: string }
>;
/** `refundId` tells refunds apart; absent means the return id, or the payment id when there is no return. */
export type RecordRefund = Command<
  'RecordRefund',
  { orderId: string; returnId?: string; paymentId: string; amount: number; refundId?: string }
>;
export type FailOrder = Command<'FailOrder', { orderId: string; code: string; reason: string }>;

export type OrderCustomerCommand =
  | PlaceOrder
  | CancelOrder
  | CancelOrderLines
  | ChangeDeliveryAddress
  | ConfirmShipmentPicked
  | RejectShipment
  | ConfirmCollected
  | RequestReturn
  | ReceiveReturn;

export type OrderSagaCommand =
  | RecordStockReserved
  | RecordPaymentAuthorised
  | ReleaseOrder
  | RecordShipmentDispatched
  | RecordShipmentDelivered
  | MarkReadyForCollection
  | RecordPaymentCaptured
  | RecordRefund
  | FailOrder;

export type OrderCommand = OrderCustomerCommand | OrderSagaCommand;

export const ORDER_SAGA_COMMAND_TYPES: readonly OrderSagaCommand['type'][] = [
  'RecordStockReserved',
  'RecordPaymentAuthorised',
  'ReleaseOrder',
  'RecordShipmentDispatched',
  'RecordShipmentDelivered',
  'MarkReadyForCollection',
  'RecordPaymentCaptured',
  'RecordRefund',
  'FailOrder',
];
