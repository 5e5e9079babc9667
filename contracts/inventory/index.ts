/**
 * Inventory's public language: stock events (stream `stock-<sku>`, topic inventory.stock) and sourcing
 * decisions (stream `sourcing-<orderId>`, topic inventory.sourcing). JSON Schemas in stock/ and sourcing/, these
 * types written by hand to match them.
 */
export type {
  StockAllocation,
  StockReceived,
  StockAdjusted,
  StockCounted,
  SafetyStockSet,
  StockReserved,
  ReservationReleased,
  ReservationExpired,
  ReservationCommitted,
  ReservationReallocated,
  StockEventType,
} from './stock/stock-events.js';
export type { OrderSourcingDecided } from './sourcing/order-sourcing-decided.js';
export type {
  Allocation,
  CandidateScore,
  ExclusionGroup,
  ExclusionReason,
  FulfilmentType,
  PlanCost,
  ScoreBreakdown,
  Shipment,
  ShipmentLine,
  ShipmentMode,
  SourcingDecision,
  SourcingExplanation,
  UnfulfillableReason,
} from './sourcing/sourcing-decision.js';
export type {
  OrderStockLine,
  LineReservationRef,
  ReserveOrderStock,
  ReserveOrderStockResult,
  ReleaseOrderStock,
  SourcingFulfilment,
  SourceOrder,
  SourcedShipment,
  SourceOrderResult,
  CommitShipmentStock,
  InventorySagaCommand,
  RestockUncollected,
  RestockUncollectedResult,
} from './saga-commands.js';
