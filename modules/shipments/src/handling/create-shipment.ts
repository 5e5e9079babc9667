import { isDomainError, type CommandMetadata } from '@omnistream/kernel';
import type { Address, Parcel, ServiceLevel, ShipFrom, ShipmentLine } from '@omnistream/contracts/shipments';
import { carrierIdempotencyKey } from '../carriers/carrier-idempotency-key.js';
import { selectCarrier } from '../config/select-carrier.js';
import { checkShipmentRequest } from '../domain/shipment/check-shipment-request.js';
import { shipmentStreamId } from '../shipments-handlers.js';
import { toShipmentView, type ShipmentView } from '../shipment-view.js';
import { carrierOf } from './carrier-of.js';
import { moduleMetadata, type ShipmentsRuntime } from './shipments-runtime.js';

/** What the order saga (or POST /shipments) asks for. */
export interface CreateShipmentInput {
  readonly shipmentId: string;
  readonly orderId: string;
  readonly market: string;
  readonly shipFrom: ShipFrom;
  readonly shipTo: Address;
  readonly collectionStoreId?: string | null;
  readonly lines: readonly ShipmentLine[];
  readonly parcel: Parcel;
  readonly serviceLevel: ServiceLevel;
  /** A configured carrier by name; absent: chosen by configuration for the market and service level. */
  readonly carrier?: string;
}

/** Purchases in flight in this process, by shipment: two concurrent requests for one shipment buy once. */
const inFlight = new WeakMap<ShipmentsRuntime, Map<string, Promise<ShipmentView>>>();

/**
 * Requests the shipment, then buys its label unless one is recorded. Safe to repeat: the request is idempotent,
 * a recorded label is never bought again, and the purchase carries a key derived from the shipment id, so a retry
 * after a crash between buying and recording gets the same label from a carrier that honours it. A carrier that
 * refuses the request records ShipmentLabelFailed; one that is unavailable leaves it requested, to retry.
 */
export const createShipment = (
  runtime: ShipmentsRuntime,
  input: CreateShipmentInput,
  metadata: Partial<CommandMetadata> = {},
): Promise<ShipmentView> => {
  const running = inFlight.get(runtime) ?? new Map<string, Promise<ShipmentView>>();
  inFlight.set(runtime, running);
  const existing = running.get(input.shipmentId);
  if (existing !== undefined) return existing;
  const work = purchase(runtime, input, metadata).finally(() => running.delete(input.shipmentId));
  running.set(input.shipmentId, work);
  return work;
};

const purchase = async (
  { handlers, carriers, config, clock }: ShipmentsRuntime,
  input: CreateShipmentInput,
  metadata: Partial<CommandMetadata>,
): Promise<ShipmentView> => {
  const { carrier: asked, collectionStoreId = null, ...rest } = input;
  const carrierId = selectCarrier(config, {
    market: input.market,
    serviceLevel: input.serviceLevel,
    carrier: asked,
  });
  const carrier = carrierOf(carriers, carrierId);
  const data = { ...rest, collectionStoreId, carrier: carrierId };
  checkShipmentRequest(data); // before anything is written, for callers that skip the HTTP schema
  const streamId = shipmentStreamId(input.shipmentId);
  const requested = await handlers.shipment(streamId, {
    type: 'RequestShipment',
    data,
    metadata: moduleMetadata(clock, metadata),
  });
  if (requested.state.status !== 'requested' && requested.state.status !== 'label_failed')
    return toShipmentView(requested.state, requested.nextExpectedVersion, input.shipmentId);
  let label;
  try {
    label = await carrier.createShipment({
      shipmentId: input.shipmentId,
      orderId: input.orderId,
      idempotencyKey: carrierIdempotencyKey(input.shipmentId),
      shipFrom: input.shipFrom.address,
      shipTo: input.shipTo,
      parcel: input.parcel,
      serviceLevel: input.serviceLevel,
    });
  } catch (error) {
    if (!isDomainError(error, 'CARRIER_REJECTED')) throw error;
    const failed = await handlers.shipment(streamId, {
      type: 'RecordLabelFailure',
      data: { shipmentId: input.shipmentId, carrier: carrierId, reason: error.message },
      metadata: moduleMetadata(clock, metadata),
    });
    return toShipmentView(failed.state, failed.nextExpectedVersion, input.shipmentId);
  }
  const labelled = await handlers.shipment(streamId, {
    type: 'RecordLabel',
    data: { shipmentId: input.shipmentId, carrier: carrierId, ...label },
    metadata: moduleMetadata(clock, metadata),
  });
  return toShipmentView(labelled.state, labelled.nextExpectedVersion, input.shipmentId);
};
