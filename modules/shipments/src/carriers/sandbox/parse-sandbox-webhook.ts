import { DomainError } from '@omnistream/kernel';
import type { TrackingLocation, TrackingStatus } from '../../domain/shipment/shipment-messages.js';
import type { CarrierTrackingEvent } from '../carrier.js';

const STATUSES: ReadonlySet<string> = new Set([
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'delivery_failed',
  'returned',
]);

const invalid = (detail: string) => new DomainError('INVALID_WEBHOOK', `sandbox webhook: ${detail}`);

const text = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value.length === 0) throw invalid(`${name} must be a non-empty string`);
  return value;
};

const location = (value: unknown): TrackingLocation | null => {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') throw invalid('location must be an object or null');
  const { city, postalCode, countryCode } = value as Record<string, unknown>;
  return {
    ...(typeof city === 'string' ? { city } : {}),
    ...(typeof postalCode === 'string' ? { postalCode } : {}),
    ...(typeof countryCode === 'string' ? { countryCode } : {}),
  };
};

/** The sandbox's webhook body (already verified), normalised. */
export const parseSandboxWebhook = (rawBody: string): CarrierTrackingEvent => {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw invalid('the body is not JSON');
  }
  if (typeof body !== 'object' || body === null) throw invalid('the body is not an object');
  const fields = body as Record<string, unknown>;
  const status = text(fields.status, 'status');
  if (!STATUSES.has(status)) throw invalid(`unknown status ${JSON.stringify(status)}`);
  const occurredAt = text(fields.occurredAt, 'occurredAt');
  if (Number.isNaN(Date.parse(occurredAt))) throw invalid('occurredAt is not a time');
  return {
    carrierEventId: text(fields.id, 'id'),
    trackingNumber: text(fields.trackingNumber, 'trackingNumber'),
    ...(typeof fields.reference === 'string' ? { shipmentId: fields.reference } : {}),
    status: status as TrackingStatus,
    occurredAt: new Date(occurredAt).toISOString(),
    location: location(fields.location),
    description: typeof fields.description === 'string' ? fields.description : '',
  };
};
