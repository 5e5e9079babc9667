export { order } from './domain/order/order.js';
export type { OrderEvent } from './domain/order/order-event.js';
export type {
  Order,
  OrderState,
  LineState,
  ShipmentState,
  ShipmentStatus,
  PaymentState,
  ReturnState,
} from './domain/order/order-state.js';
export {
  ORDER_SAGA_COMMAND_TYPES,
  type OrderCommand,
  type OrderCustomerCommand,
  type OrderSagaCommand,
  type PlaceOrder,
  type CancelOrder,
  type CancelOrderLines,
  type ChangeDeliveryAddress,
  type ConfirmShipmentPicked,
  type RejectShipment,
  type ConfirmCollected,
  type RequestReturn,
  type ReceiveReturn,
  type RecordStockReserved,
  type RecordPaymentAuthorised,
  type ReleaseOrder,
  type RecordShipmentDispatched,
  type RecordShipmentDelivered,
  type MarkReadyForCollection,
  type RecordPaymentCaptured,
  type RecordRefund,
  type FailOrder,
} from './domain/order/order-commands.js';
export {
  createOrdersModule,
  ordersAppendHooks,
  ordersProjections,
  type OrdersModule,
  type OrdersModuleDependencies,
  type OrderSagaCommandInput,
} from './orders-module.js';
export type { OrderView } from './read-models/order-view.js';
export { createOrderFlowSaga, type OrderFlowOptions } from './saga/order-flow-saga.js';
export type { OrderFlow, OrderFlowEvent } from './saga/order-flow-state.js';
