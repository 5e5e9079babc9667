import type { TrackingLocation, TrackingStatus } from '../../domain/shipment/shipment-messages.js';
import type { CarrierTrackingEvent } from '../carrier.js';

export interface UpsActivity {
  readonly trackingNumber: string;
  /** YYYYMMDD and HHMMSS in GMT (Track Alert gmtActivityDate/Time, Tracking API gmtDate/gmtTime). */
  readonly gmtDate?: string | undefined;
  readonly gmtTime?: string | undefined;
  readonly localDate?: string | undefined;
  readonly localTime?: string | undefined;
  readonly status: { readonly type?: string; readonly code?: string; readonly description?: string };
  readonly location:
    { readonly city?: string; readonly postalCode?: string; readonly country?: string } | undefined;
}

/**
 * UPS status types (UPSTrackAlert.yaml, ActivityStatus.type): D delivery, I on the way, X exception, M and MV
 * manifest, U updated delivery date. Out for delivery arrives as I (code OT) and a return or a failed attempt as X,
 * told apart only by code and description, so those are read too. Manifest and date updates move nothing.
 */
export const upsStatus = ({
  type,
  code,
  description = '',
}: UpsActivity['status']): TrackingStatus | undefined => {
  if (code === 'OT' || /out for delivery/i.test(description)) return 'out_for_delivery';
  switch (type) {
    case 'D':
      return 'delivered';
    case 'I':
      return 'in_transit';
    case 'X':
      if (/return(ed|ing)? to (shipper|sender)/i.test(description)) return 'returned';
      if (/attempt|not available|no one|receiver was not/i.test(description)) return 'delivery_failed';
      return 'exception';
    case undefined:
    default:
      return undefined;
  }
};

const isoOf = (date: string | undefined, time: string | undefined): string | undefined => {
  if (date === undefined || !/^\d{8}$/.test(date)) return undefined;
  const t = time !== undefined && /^\d{6}$/.test(time) ? time : '000000';
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}.000Z`;
};

/** One UPS activity, normalised; undefined for the ones that move nothing. */
export const normaliseUpsActivity = (activity: UpsActivity): CarrierTrackingEvent | undefined => {
  const status = upsStatus(activity.status);
  // Prefer GMT; UPS always sends it, the local time is only a fallback (read as UTC) for a partial message.
  const occurredAt =
    isoOf(activity.gmtDate, activity.gmtTime) ?? isoOf(activity.localDate, activity.localTime);
  if (status === undefined || occurredAt === undefined) return undefined;
  const { city, postalCode, country } = activity.location ?? {};
  const location: TrackingLocation | null =
    city === undefined && postalCode === undefined && country === undefined
      ? null
      : {
          ...(city ? { city } : {}),
          ...(postalCode ? { postalCode } : {}),
          ...(country ? { countryCode: country } : {}),
        };
  return {
    // UPS gives an event no id: the parcel, GMT time and status identify it, so a resent one has the same.
    carrierEventId: `${activity.trackingNumber}/${occurredAt}/${activity.status.type ?? ''}/${activity.status.code ?? ''}`,
    trackingNumber: activity.trackingNumber,
    status,
    occurredAt,
    location,
    description: activity.status.description ?? '',
  };
};
