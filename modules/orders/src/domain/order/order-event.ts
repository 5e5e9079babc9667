import type { DecidedEvent } from '@omnistream/kernel';
import type {
  OrderCancelled,
  OrderCollected,
  OrderDelivered,
  OrderDeliveryAddressChanged,
  OrderFailed,
  OrderLinesCancelled,
  OrderPaymentAuthorised,
  OrderPaymentCaptured,
  OrderPlaced,
  OrderReadyForCollection,
  OrderRefunded,
  OrderReleased,
  OrderReturnAuthorised,
  OrderReturnReceived,
  OrderShipmentDelivered,
  OrderShipmentDispatched,
  OrderShipmentPicked,
  OrderShipmentRejected,
  OrderStockReserved,
} from '@omnistream/contracts/orders';

/** Every event of an order stream is public: the decider's event types are the contract types. */
export type OrderEvent =
  | DecidedEvent<'OrderPlaced', OrderPlaced>
  | DecidedEvent<'OrderStockReserved', OrderStockReserved>
  | DecidedEvent<'OrderPaymentAuthorised', OrderPaymentAuthorised>
  | DecidedEvent<'OrderReleased', OrderReleased>
  | DecidedEvent<'OrderShipmentPicked', OrderShipmentPicked>
  | DecidedEvent<'OrderShipmentRejected', OrderShipmentRejected>
  | DecidedEvent<'OrderShipmentDispatched', OrderShipmentDispatched>
  | DecidedEvent<'OrderShipmentDelivered', OrderShipmentDelivered>
  | DecidedEvent<'OrderDelivered', OrderDelivered>
  | DecidedEvent<'OrderReadyForCollection', OrderReadyForCollection>
  | DecidedEvent<'OrderCollected', OrderCollected>
  | DecidedEvent<'OrderPaymentCaptured', OrderPaymentCaptured>
  | DecidedEvent<'OrderCancelled', OrderCancelled>
  | DecidedEvent<'OrderLinesCancelled', OrderLinesCancelled>
  | DecidedEvent<'OrderDeliveryAddressChanged', OrderDeliveryAddressChanged>
  | DecidedEvent<'OrderFailed', OrderFailed>
  | DecidedEvent<'OrderReturnAuthorised', OrderReturnAuthorised>
  | DecidedEvent<'OrderReturnReceived', OrderReturnReceived>
  | DecidedEvent<'OrderRefunded', OrderRefunded>;
