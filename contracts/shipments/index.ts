/**
 * The shipments context's public language: the data of the shipment events (JSON Schemas in shipment/, these
 * types written by hand to match them).
 */
export type {
  Address,
  Money,
  ShipmentLine,
  Parcel,
  ShipFrom,
  TrackingLocation,
  ServiceLevel,
  ShipmentRequested,
  ShipmentLabelCreated,
  ShipmentLabelFailed,
  TrackingReport,
  ShipmentInTransit,
  ShipmentOutForDelivery,
  ShipmentDelivered,
  ShipmentException,
  ShipmentDeliveryFailed,
  ShipmentReturned,
  ShipmentCancelled,
  ShipmentEventType,
} from './shipment/shipment-events.js';
export type {
  CreateShipmentCommand,
  CancelShipmentCommand,
  ShipmentCommandResult,
  ShipmentsSagaCommand,
} from './saga-commands.js';
