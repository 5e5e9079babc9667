/** A point on the Earth in decimal degrees (WGS 84). */
export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

/** One order line to source: `quantity` units of `sku`. */
export interface OrderLine {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: number;
}

/**
 * How the customer receives the order.
 * - `ship_to_home`: parcels to the delivery point, from the locations the rule set allows (by default the DC and
 *   stores that can ship).
 * - `ship_from_store`: parcels to the delivery point from stores (fast local delivery); the DC only if the rule
 *   set allows it.
 * - `collect_in_store`: the customer collects at the chosen store; other locations can send lines there by
 *   transfer when the rule set allows it.
 */
export type Fulfilment =
  | { readonly type: 'ship_to_home'; readonly deliveryPoint: GeoPoint }
  | { readonly type: 'ship_from_store'; readonly deliveryPoint: GeoPoint }
  | { readonly type: 'collect_in_store'; readonly storeId: string };

export type FulfilmentType = Fulfilment['type'];

export const FULFILMENT_TYPES: readonly FulfilmentType[] = [
  'ship_to_home',
  'ship_from_store',
  'collect_in_store',
];

/** What the sourcing engine is asked: where should these lines come from? */
export interface SourcingRequest {
  readonly orderId: string;
  readonly lines: readonly OrderLine[];
  readonly fulfilment: Fulfilment;
}
