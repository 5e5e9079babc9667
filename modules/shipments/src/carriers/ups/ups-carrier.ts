import { timingSafeEqual } from 'node:crypto';
import { DomainError, type Clock } from '@omnistream/kernel';
import type { ServiceLevel } from '@omnistream/contracts/shipments';
import type { UpsCarrierConfig } from '../../config/shipments-config.js';
import { carrierError, webhookSignatureInvalid } from '../carrier-errors.js';
import { headerValue, type Carrier, type CarrierTrackingEvent } from '../carrier.js';
import { createUpsClient } from './ups-client.js';
import { toMoney, upsAddress, upsMeasures, upsParty } from './ups-payloads.js';
import { normaliseUpsActivity, type UpsActivity } from './ups-tracking.js';

type Charge = { CurrencyCode?: string; MonetaryValue?: string };
interface RateResponse {
  RateResponse?: {
    RatedShipment?: {
      Service?: { Code?: string };
      TotalCharges?: Charge;
      GuaranteedDelivery?: { BusinessDaysInTransit?: string };
    }[];
  };
}
interface ShipResponse {
  ShipmentResponse?: {
    ShipmentResults?: {
      ShipmentIdentificationNumber?: string;
      ShipmentCharges?: { TotalCharges?: Charge };
      PackageResults?: { TrackingNumber?: string }[];
    };
  };
}
interface TrackResponse {
  trackResponse?: {
    shipment?: {
      package?: {
        trackingNumber?: string;
        activity?: {
          date?: string;
          time?: string;
          gmtDate?: string;
          gmtTime?: string;
          status?: { type?: string; code?: string; description?: string };
          location?: { address?: { city?: string; postalCode?: string; countryCode?: string } };
        }[];
      }[];
    }[];
  };
}

const upsTrackLocation = (
  address: { city?: string; postalCode?: string; countryCode?: string } | undefined,
): UpsActivity['location'] => {
  if (address === undefined) return undefined;
  const { city, postalCode, countryCode } = address;
  return {
    ...(city === undefined ? {} : { city }),
    ...(postalCode === undefined ? {} : { postalCode }),
    ...(countryCode === undefined ? {} : { country: countryCode }),
  };
};

const LEVELS: readonly ServiceLevel[] = ['standard', 'express', 'next_day'];

/**
 * UPS, written against its published OpenAPI specifications (github.com/UPS-API/api-documentation): Rating
 * `POST /api/rating/{version}/{Rate|Shop}`, Shipping `POST /api/shipments/{version}/ship` and
 * `DELETE /api/shipments/{version}/void/cancel/{shipmentidentificationnumber}`, Tracking
 * `GET /api/track/v1/details/{inquiryNumber}`, and Track Alert webhooks, which carry in a `credential` header the
 * opaque credential given at subscription. UPS has no idempotency key: the label purchase sends our deterministic
 * key as `transId` and the shipment id as CustomerContext, so a duplicate can be found, but not prevented, by UPS.
 */
export const createUpsCarrier = ({
  config,
  clock,
  fetch: send,
}: {
  config: UpsCarrierConfig;
  clock: Clock;
  fetch: typeof fetch;
}): Carrier => {
  const { request } = createUpsClient(config, clock, send);
  const shipper = (address: Parameters<typeof upsAddress>[0]) => ({
    Name: config.shipperName,
    ShipperNumber: config.accountNumber,
    Address: upsAddress(address),
  });
  const levelOf = (code: string | undefined) => LEVELS.find((level) => config.services[level] === code);

  return {
    id: 'ups',
    rates: async ({ shipFrom, shipTo, parcel, serviceLevel }) => {
      const option = serviceLevel === undefined ? 'Shop' : 'Rate';
      const body = await request<RateResponse>('POST', `/api/rating/${config.apiVersion}/${option}`, {
        body: {
          RateRequest: {
            Request: { RequestOption: option },
            Shipment: {
              Shipper: shipper(shipFrom),
              ShipTo: upsParty(shipTo),
              ShipFrom: upsParty(shipFrom),
              ...(serviceLevel === undefined ? {} : { Service: { Code: config.services[serviceLevel] } }),
              Package: [{ PackagingType: { Code: '02' }, ...upsMeasures(parcel) }],
            },
          },
        },
      });
      return (body.RateResponse?.RatedShipment ?? []).flatMap((rated) => {
        const level = levelOf(rated.Service?.Code);
        if (level === undefined) return []; // a UPS product we do not sell
        const days = rated.GuaranteedDelivery?.BusinessDaysInTransit;
        return [
          {
            carrier: 'ups',
            service: rated.Service?.Code ?? '',
            serviceLevel: level,
            cost: toMoney(rated.TotalCharges),
            transitDays: days === undefined ? null : Number(days),
          },
        ];
      });
    },
    createShipment: async ({
      shipmentId,
      orderId,
      idempotencyKey,
      shipFrom,
      shipTo,
      parcel,
      serviceLevel,
    }) => {
      const service = config.services[serviceLevel];
      const body = await request<ShipResponse>('POST', `/api/shipments/${config.apiVersion}/ship`, {
        transId: idempotencyKey,
        body: {
          ShipmentRequest: {
            Request: { RequestOption: 'nonvalidate', TransactionReference: { CustomerContext: shipmentId } },
            Shipment: {
              Description: `Order ${orderId}`.slice(0, 50),
              Shipper: shipper(shipFrom),
              ShipTo: upsParty(shipTo),
              ShipFrom: upsParty(shipFrom),
              PaymentInformation: {
                ShipmentCharge: [{ Type: '01', BillShipper: { AccountNumber: config.accountNumber } }],
              },
              Service: { Code: service },
              Package: [{ Packaging: { Code: '02' }, ...upsMeasures(parcel) }],
            },
            LabelSpecification: {
              LabelImageFormat: { Code: 'GIF' },
              LabelStockSize: { Height: '6', Width: '4' },
            },
          },
        },
      });
      const results = body.ShipmentResponse?.ShipmentResults;
      const trackingNumber = results?.PackageResults?.[0]?.TrackingNumber;
      const reference = results?.ShipmentIdentificationNumber;
      if (trackingNumber === undefined || reference === undefined)
        throw carrierError(
          'ups',
          'the ship response has no tracking number or shipment identification number',
        );
      return {
        service,
        trackingNumber,
        labelReference: reference,
        cost: toMoney(results?.ShipmentCharges?.TotalCharges),
      };
    },
    cancel: async ({ labelReference, idempotencyKey }) => {
      await request(
        'DELETE',
        `/api/shipments/${config.apiVersion}/void/cancel/${encodeURIComponent(labelReference)}`,
        {
          transId: idempotencyKey,
        },
      );
    },
    parseWebhook: (rawBody, headers) => {
      const given = Buffer.from(headerValue(headers, 'credential') ?? '');
      const expected = Buffer.from(config.webhookCredential);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw webhookSignatureInvalid(
          'ups',
          'the credential header does not match the one given at subscription',
        );
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(rawBody) as Record<string, unknown>;
      } catch {
        throw new DomainError('INVALID_WEBHOOK', 'ups webhook: the body is not JSON');
      }
      if (
        typeof body.trackingNumber !== 'string' ||
        typeof body.activityStatus !== 'object' ||
        body.activityStatus === null
      )
        throw new DomainError(
          'INVALID_WEBHOOK',
          'ups webhook: trackingNumber and activityStatus are required',
        );
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      const event = normaliseUpsActivity({
        trackingNumber: body.trackingNumber,
        gmtDate: text(body.gmtActivityDate),
        gmtTime: text(body.gmtActivityTime),
        localDate: text(body.localActivityDate),
        localTime: text(body.localActivityTime),
        status: body.activityStatus,
        location: body.activityLocation ?? undefined,
      });
      return event === undefined ? [] : [event];
    },
    track: async (trackingNumber) => {
      const body = await request<TrackResponse>(
        'GET',
        `/api/track/v1/details/${encodeURIComponent(trackingNumber)}`,
      );
      const activities = body.trackResponse?.shipment?.[0]?.package?.[0]?.activity ?? [];
      return activities
        .map((a) =>
          normaliseUpsActivity({
            trackingNumber,
            gmtDate: a.gmtDate,
            gmtTime: a.gmtTime,
            localDate: a.date,
            localTime: a.time,
            status: a.status ?? {},
            location: upsTrackLocation(a.location?.address),
          }),
        )
        .filter((event): event is CarrierTrackingEvent => event !== undefined)
        .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
    },
    close: async () => {},
  };
};
