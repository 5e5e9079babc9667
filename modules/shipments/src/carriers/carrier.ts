import type { Address, Money, Parcel, ServiceLevel } from '@omnistream/contracts/shipments';
import type { TrackingLocation, TrackingStatus } from '../domain/shipment/shipment-messages.js';

export interface RateRequest {
  readonly shipFrom: Address;
  readonly shipTo: Address;
  readonly parcel: Parcel;
  /** Absent: a quote for every service level the carrier offers. */
  readonly serviceLevel?: ServiceLevel;
}

export interface RateQuote {
  readonly carrier: string;
  readonly service: string;
  readonly serviceLevel: ServiceLevel;
  readonly cost: Money;
  /** Business days in transit the carrier quotes; null when it does not say. */
  readonly transitDays: number | null;
}

export interface LabelRequest extends Required<RateRequest> {
  readonly shipmentId: string;
  readonly orderId: string;
  /**
   * Derived from the shipment id alone (carrierIdempotencyKey): a retry after a crash asks for the same label, so
   * a carrier that honours idempotency sells it once.
   */
  readonly idempotencyKey: string;
}

export interface PurchasedLabel {
  readonly service: string;
  readonly trackingNumber: string;
  /** The carrier's id of what it sold, used to void it. */
  readonly labelReference: string;
  readonly cost: Money;
}

export interface CancelLabelRequest {
  readonly shipmentId: string;
  readonly idempotencyKey: string;
  readonly trackingNumber: string;
  readonly labelReference: string;
}

/** A carrier's tracking report, normalised. */
export interface CarrierTrackingEvent {
  /** The carrier's identity of the report (its event id, or the fields that identify it when it has none). */
  readonly carrierEventId: string;
  readonly trackingNumber: string;
  /** Our shipment id, when the carrier echoes the reference we gave it. */
  readonly shipmentId?: string;
  readonly status: TrackingStatus;
  /** ISO 8601 UTC, the carrier's time. */
  readonly occurredAt: string;
  readonly location: TrackingLocation | null;
  readonly description: string;
}

export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The carrier port. Errors are DomainErrors: PROVIDER_UNAVAILABLE (unreachable, 5xx, rate limited: retry later),
 * PROVIDER_ERROR (an answer we cannot use), CARRIER_REJECTED (the carrier refused the request as it is),
 * WEBHOOK_SIGNATURE_INVALID (a webhook that does not verify).
 */
export interface Carrier {
  readonly id: string;
  rates(request: RateRequest): Promise<RateQuote[]>;
  /** Buys the label. */
  createShipment(request: LabelRequest): Promise<PurchasedLabel>;
  /** Voids the label; voiding one already void succeeds. */
  cancel(request: CancelLabelRequest): Promise<void>;
  /** Verifies a webhook's signature or credential over the raw body, then normalises what it reports. */
  parseWebhook(rawBody: string, headers: WebhookHeaders): CarrierTrackingEvent[];
  /** Polls the carrier for what it knows of a parcel, oldest first. */
  track(trackingNumber: string): Promise<CarrierTrackingEvent[]>;
  /** Stops background work (timers, pending webhooks). */
  close(): Promise<void>;
}

/** The one header value of a name, whatever its case. */
export const headerValue = (headers: WebhookHeaders, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers))
    if (key.toLowerCase() === wanted) return typeof value === 'string' ? value : value?.[0];
  return undefined;
};
