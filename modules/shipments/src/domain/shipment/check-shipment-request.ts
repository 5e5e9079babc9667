import { DomainError } from '@omnistream/kernel';
import type { Address, RequestShipmentData } from './shipment-messages.js';

const COUNTRY = /^[A-Z]{2}$/;
const SERVICE_LEVELS = new Set(['standard', 'express', 'next_day']);

const filled = (value: string | undefined): boolean => value !== undefined && value.trim().length > 0;

const checkAddress = (field: string, address: Address | undefined): void => {
  if (address === undefined) throw new DomainError('INVALID_ADDRESS', `${field} is missing`, { field });
  const missing = [
    filled(address.name) ? [] : ['name'],
    address.lines.length > 0 && address.lines.length <= 3 && address.lines.every(filled) ? [] : ['lines'],
    filled(address.city) ? [] : ['city'],
    filled(address.postalCode) ? [] : ['postalCode'],
  ].flat();
  if (missing.length > 0)
    throw new DomainError(
      'INVALID_ADDRESS',
      `${field} needs ${missing.join(', ')} (1 to 3 non-blank street lines)`,
      { field, missing },
    );
  if (!COUNTRY.test(address.countryCode))
    throw new DomainError(
      'INVALID_ADDRESS',
      `${field}.countryCode must be an ISO 3166-1 alpha-2 code such as GB, got ${JSON.stringify(address.countryCode)}`,
      { field },
    );
};

const whole = (name: string, value: number): void => {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new DomainError('INVALID_PARCEL', `${name} must be a whole number of at least 1, got ${value}`, {
      field: name,
    });
};

/**
 * What a shipment needs before a carrier can be asked for a label. The HTTP schema checks shapes already; this
 * holds for every caller (the order saga too), so a bad request is refused before anything is written.
 */
export const checkShipmentRequest = (data: RequestShipmentData): void => {
  if (!filled(data.shipmentId) || !filled(data.orderId))
    throw new DomainError('INVALID_SHIPMENT', 'shipmentId and orderId must not be blank');
  checkAddress('shipFrom.address', data.shipFrom.address);
  if (!filled(data.shipFrom.locationId))
    throw new DomainError('INVALID_SHIPMENT', 'shipFrom.locationId must not be blank');
  checkAddress('shipTo', data.shipTo);
  if (data.collectionStoreId !== null && !filled(data.collectionStoreId))
    throw new DomainError('INVALID_SHIPMENT', 'collectionStoreId must be null or a store id');
  if (data.lines.length === 0)
    throw new DomainError('INVALID_SHIPMENT_LINES', 'a shipment carries at least one order line');
  const ids = new Set<string>();
  for (const line of data.lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
      throw new DomainError(
        'INVALID_SHIPMENT_LINES',
        `line ${line.lineId} must carry a whole number of at least 1 unit, got ${line.quantity}`,
      );
    if (ids.has(line.lineId))
      throw new DomainError('INVALID_SHIPMENT_LINES', `line ${line.lineId} appears twice`);
    ids.add(line.lineId);
  }
  whole('parcel.weightGrams', data.parcel.weightGrams);
  whole('parcel.lengthMm', data.parcel.lengthMm);
  whole('parcel.widthMm', data.parcel.widthMm);
  whole('parcel.heightMm', data.parcel.heightMm);
  if (!SERVICE_LEVELS.has(data.serviceLevel))
    throw new DomainError(
      'INVALID_SERVICE_LEVEL',
      `unknown service level ${JSON.stringify(data.serviceLevel)}`,
    );
};
