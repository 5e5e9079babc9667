import type { FulfilmentType, ShipmentMode, UnfulfillableReason } from './sourcing/sourcing-decision.js';

/**
 * The commands inventory takes from sagas (topic `inventory.commands`, inside SagaCommandIssued) and the results
 * its replies carry. Every command is idempotent: the same command applied twice has one effect.
 */

export interface OrderStockLine {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
}

export interface LineReservationRef {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
  readonly reservationId: string;
}

/** Hold every line for the order on the sales channel, all or nothing (INSUFFICIENT_STOCK names the SKU). */
export interface ReserveOrderStock {
  readonly orderId: string;
  readonly salesChannel: string;
  readonly lines: readonly OrderStockLine[];
  /** How long the units are held without a commit; the saga releases them sooner when the order fails. */
  readonly ttlSeconds: number;
}
export interface ReserveOrderStockResult {
  readonly reservations: readonly LineReservationRef[];
}

/** Give the units back (compensation): reservations already released, committed or expired are skipped. */
export interface ReleaseOrderStock {
  readonly orderId: string;
  readonly reservations: readonly Pick<LineReservationRef, 'sku' | 'reservationId'>[];
  readonly reason: string;
}

export type SourcingFulfilment =
  | {
      readonly type: Exclude<FulfilmentType, 'collect_in_store'>;
      readonly deliveryPoint: { lat: number; lon: number };
    }
  | { readonly type: 'collect_in_store'; readonly storeId: string };

/**
 * Source the lines on live stock (their own reservations counting as theirs), record the decision, and move each
 * reservation to the locations chosen, so a pick commits where the order ships from.
 */
export interface SourceOrder {
  readonly orderId: string;
  readonly salesChannel: string;
  readonly lines: readonly LineReservationRef[];
  readonly fulfilment: SourcingFulfilment;
  readonly excludeLocations: readonly string[];
}

export interface SourcedShipment {
  readonly locationId: string;
  readonly mode: ShipmentMode;
  readonly lines: readonly OrderStockLine[];
  /** Where a carrier collects it; null when the location has none on record. */
  readonly address: {
    readonly name: string;
    readonly lines: readonly string[];
    readonly city: string;
    readonly postalCode: string;
    readonly countryCode: string;
  } | null;
}

export type SourceOrderResult =
  | { readonly status: 'planned'; readonly sequence: number; readonly shipments: readonly SourcedShipment[] }
  | {
      readonly status: 'unfulfillable';
      readonly sequence: number;
      readonly reason: UnfulfillableReason;
      readonly detail: string;
    };

/** The lines were picked at the location: their reserved units leave stock there. */
export interface CommitShipmentStock {
  readonly orderId: string;
  readonly locationId: string;
  readonly reservations: readonly Pick<LineReservationRef, 'sku' | 'reservationId'>[];
}

/**
 * Units picked for a collection that was never collected go back on hand at the store (the compensation of the
 * pick's commit). Once per shipment: a second command returns nothing.
 */
export interface RestockUncollected {
  readonly orderId: string;
  /** The shipment whose pick is undone. */
  readonly shipmentId: string;
  /** The collection store, where the units now are. */
  readonly locationId: string;
  readonly lines: readonly Pick<OrderStockLine, 'sku' | 'quantity'>[];
}
export interface RestockUncollectedResult {
  /** False when an earlier command already returned them. */
  readonly returned: boolean;
}

export type InventorySagaCommand =
  | { readonly type: 'ReserveOrderStock'; readonly data: ReserveOrderStock }
  | { readonly type: 'ReleaseOrderStock'; readonly data: ReleaseOrderStock }
  | { readonly type: 'SourceOrder'; readonly data: SourceOrder }
  | { readonly type: 'CommitShipmentStock'; readonly data: CommitShipmentStock }
  | { readonly type: 'RestockUncollected'; readonly data: RestockUncollected };
