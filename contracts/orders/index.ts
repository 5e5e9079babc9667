/**
 * Orders' public language: the order events (stream `order-<orderId>`, topic orders.order). JSON Schemas in
 * order/, these types written by hand to match them.
 */
export type {
  OrderPlaced,
  OrderStockReserved,
  OrderPaymentAuthorised,
  OrderReleased,
  OrderShipmentPicked,
  OrderShipmentRejected,
  OrderShipmentDispatched,
  OrderShipmentDelivered,
  OrderDelivered,
  OrderReadyForCollection,
  OrderCollected,
  OrderPaymentCaptured,
  OrderCancelled,
  OrderLinesCancelled,
  OrderDeliveryAddressChanged,
  OrderFailed,
  OrderReturnAuthorised,
  OrderReturnReceived,
  OrderRefunded,
  OrderEventType,
} from './order/order-events.js';
export {
  ORDER_STATUSES,
  type OrderStatus,
  type GeoPoint,
  type DeliveryAddress,
  type OrderFulfilment,
  type FulfilmentType,
  type OrderLine,
  type OrderPaymentMethod,
  type WithdrawnLine,
  type LineReservation,
  type ShipmentMode,
  type ShipmentLine,
  type OrderShipment,
  type ReturnLine,
} from './order/order-values.js';
