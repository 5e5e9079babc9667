import { createHash } from 'node:crypto';
import { DomainError, systemClock, type Clock } from '@omnistream/kernel';
import type { SandboxCarrierConfig } from '../../config/shipments-config.js';
import type { TrackingStatus } from '../../domain/shipment/shipment-messages.js';
import { carrierRejected, carrierUnavailable, webhookSignatureInvalid } from '../carrier-errors.js';
import {
  headerValue,
  type Carrier,
  type CarrierTrackingEvent,
  type LabelRequest,
  type PurchasedLabel,
} from '../carrier.js';
import { parseSandboxWebhook } from './parse-sandbox-webhook.js';
import { SANDBOX_SERVICE_LEVELS, sandboxRate } from './sandbox-rates.js';
import { SANDBOX_DESCRIPTIONS, sandboxScenario } from './sandbox-scenario.js';
import {
  SANDBOX_SIGNATURE_HEADER,
  sandboxSignatureProblem,
  signSandboxWebhook,
} from './sandbox-signature.js';

export interface SandboxCarrierDependencies {
  readonly config: SandboxCarrierConfig;
  readonly clock?: Clock;
  readonly fetch?: typeof fetch;
  /** A webhook that could not be delivered after its retries. */
  readonly onError?: (error: unknown, where: string) => void;
  /**
   * Where webhooks go when the config names no `webhookUrl`: the module's own webhook route in-process (same
   * route, same signature check, no socket), so an embedded server needs no URL of itself.
   */
  readonly deliverInProcess?: (rawBody: string, headers: Record<string, string>) => Promise<void>;
}

interface Parcel {
  readonly label: PurchasedLabel;
  readonly shipmentId: string;
  readonly postalCode: string;
  readonly city: string;
  readonly countryCode: string;
  readonly sent: CarrierTrackingEvent[];
  voided: boolean;
  timer?: NodeJS.Timeout;
}

const DELIVERY_ATTEMPTS = 5;

/** The sandbox answers at once; as a promise, so a throw reaches the caller as a rejection, like a real carrier's. */
const answer = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

/**
 * A carrier for development and tests: deterministic rates and tracking numbers, labels sold once per idempotency
 * key, and tracking that moves on its own, POSTed as HMAC-signed webhooks to `webhookUrl` every `trackingStepMs`.
 * Special postal codes choose failures (see sandbox-scenario.ts). Parcels live in memory: after a restart the
 * sandbox still answers the same label for the same key, but tracking of earlier parcels stops.
 */
export const createSandboxCarrier = ({
  config,
  clock = systemClock,
  fetch: send = fetch,
  onError = () => {},
  deliverInProcess,
}: SandboxCarrierDependencies): Carrier => {
  const parcels = new Map<string, Parcel>();
  const byKey = new Map<string, string>();
  const pending = new Set<Promise<void>>();
  let closed = false;

  const deliver = async (parcel: Parcel, event: CarrierTrackingEvent): Promise<void> => {
    const url = config.webhookUrl;
    if (url === undefined && deliverInProcess === undefined) return;
    const body = JSON.stringify({
      id: event.carrierEventId,
      trackingNumber: event.trackingNumber,
      reference: parcel.shipmentId,
      status: event.status,
      occurredAt: event.occurredAt,
      location: event.location,
      description: event.description,
    });
    for (let attempt = 1; !closed; attempt += 1) {
      try {
        const headers = {
          'content-type': 'application/json',
          [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(config.webhookSecret, body, clock.now().getTime()),
        };
        if (url === undefined && deliverInProcess !== undefined) return await deliverInProcess(body, headers);
        const response = await send(url as string, { method: 'POST', headers, body });
        await response.arrayBuffer();
        if (response.ok) return;
        throw new Error(`webhook answered ${response.status}`);
      } catch (error) {
        if (attempt >= DELIVERY_ATTEMPTS) return onError(error, `sandbox webhook ${event.carrierEventId}`);
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  };

  const schedule = (parcel: Parcel, steps: readonly TrackingStatus[]): void => {
    const [status, ...rest] = steps;
    if (status === undefined || closed) return;
    parcel.timer = setTimeout(() => {
      if (parcel.voided || closed) return;
      const event: CarrierTrackingEvent = {
        carrierEventId: `sbx-evt-${parcel.label.trackingNumber}-${parcel.sent.length + 1}`,
        trackingNumber: parcel.label.trackingNumber,
        shipmentId: parcel.shipmentId,
        status,
        occurredAt: clock.now().toISOString(),
        location: { city: parcel.city, postalCode: parcel.postalCode, countryCode: parcel.countryCode },
        description: SANDBOX_DESCRIPTIONS[status],
      };
      parcel.sent.push(event);
      const delivery = deliver(parcel, event).finally(() => pending.delete(delivery));
      pending.add(delivery);
      schedule(parcel, rest);
    }, config.trackingStepMs);
    parcel.timer.unref();
  };

  const buy = (request: LabelRequest): PurchasedLabel => {
    const scenario = sandboxScenario(request.shipTo.postalCode);
    if (scenario.kind === 'reject') throw carrierRejected('sandbox', 'the ship-to address cannot be served');
    if (scenario.kind === 'down') throw carrierUnavailable('sandbox', 'simulated outage');
    const digest = createHash('sha256').update(request.idempotencyKey).digest('hex').toUpperCase();
    const rate = sandboxRate(request.serviceLevel, request.parcel);
    const label: PurchasedLabel = {
      service: rate.service,
      trackingNumber: `SBX${digest.slice(0, 12)}`,
      labelReference: `sbx-label-${digest.slice(12, 28).toLowerCase()}`,
      cost: { amount: rate.amount, currency: config.currency },
    };
    const parcel: Parcel = {
      label,
      shipmentId: request.shipmentId,
      postalCode: request.shipTo.postalCode,
      city: request.shipTo.city,
      countryCode: request.shipTo.countryCode,
      sent: [],
      voided: false,
    };
    parcels.set(label.trackingNumber, parcel);
    byKey.set(request.idempotencyKey, label.trackingNumber);
    schedule(parcel, scenario.steps);
    return label;
  };

  return {
    id: 'sandbox',
    rates: (request) =>
      answer(() => {
        if (sandboxScenario(request.shipTo.postalCode).kind === 'reject')
          throw carrierRejected('sandbox', 'the ship-to address cannot be served');
        const levels = request.serviceLevel === undefined ? SANDBOX_SERVICE_LEVELS : [request.serviceLevel];
        return levels.map((serviceLevel) => {
          const rate = sandboxRate(serviceLevel, request.parcel);
          return {
            carrier: 'sandbox',
            service: rate.service,
            serviceLevel,
            cost: { amount: rate.amount, currency: config.currency },
            transitDays: rate.transitDays,
          };
        });
      }),
    createShipment: (request) =>
      answer(() => {
        const known = byKey.get(request.idempotencyKey);
        const parcel = known === undefined ? undefined : parcels.get(known);
        return parcel === undefined ? buy(request) : parcel.label; // same key, same label: bought once
      }),
    cancel: ({ trackingNumber }) =>
      answer(() => {
        const parcel = parcels.get(trackingNumber);
        if (parcel === undefined || parcel.voided) return;
        if (parcel.sent.length > 0)
          throw carrierRejected('sandbox', `parcel ${trackingNumber} is already in the network`);
        parcel.voided = true;
        clearTimeout(parcel.timer);
      }),
    parseWebhook: (rawBody, headers) => {
      const problem = sandboxSignatureProblem(
        config.webhookSecret,
        rawBody,
        headerValue(headers, SANDBOX_SIGNATURE_HEADER),
        clock.now().getTime(),
      );
      if (problem !== undefined) throw webhookSignatureInvalid('sandbox', problem);
      return [parseSandboxWebhook(rawBody)];
    },
    track: (trackingNumber) =>
      answer(() => {
        const parcel = parcels.get(trackingNumber);
        if (parcel === undefined)
          throw new DomainError('TRACKING_NUMBER_NOT_FOUND', `the sandbox knows no parcel ${trackingNumber}`);
        return [...parcel.sent];
      }),
    close: async () => {
      closed = true;
      for (const parcel of parcels.values()) clearTimeout(parcel.timer);
      await Promise.all([...pending]);
    },
  };
};
