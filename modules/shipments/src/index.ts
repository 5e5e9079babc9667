export {
  createShipmentsModule,
  shipmentsProjections,
  shipmentsAppendHooks,
  type ShipmentsModule,
  type ShipmentsModuleDependencies,
} from './shipments-module.js';
export type { CreateShipmentInput } from './handling/create-shipment.js';
export type { TrackingOutcome } from './handling/apply-tracking.js';
export type { ShipmentView } from './shipment-view.js';
export { parseShipmentsConfig } from './config/parse-shipments-config.js';
export type { ShipmentsConfig, SandboxCarrierConfig, UpsCarrierConfig } from './config/shipments-config.js';
export type {
  Carrier,
  CarrierTrackingEvent,
  RateQuote,
  RateRequest,
  LabelRequest,
  PurchasedLabel,
  CancelLabelRequest,
} from './carriers/carrier.js';
export { carrierIdempotencyKey } from './carriers/carrier-idempotency-key.js';
