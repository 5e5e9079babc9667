import type { Address, Parcel } from '@omnistream/contracts/shipments';
import type { Money } from '../../domain/shipment/shipment-messages.js';
import { carrierError } from '../carrier-errors.js';

/** Shipping/Rating `Address`: AddressLine (1 to 3), City, StateProvinceCode, PostalCode, CountryCode. */
export const upsAddress = (address: Address) => ({
  AddressLine: [...address.lines],
  City: address.city,
  ...(address.region === undefined ? {} : { StateProvinceCode: address.region }),
  PostalCode: address.postalCode,
  CountryCode: address.countryCode,
});

/** A party: Name (35 characters are accepted), Address, and Phone when we have one. */
export const upsParty = (address: Address) => ({
  Name: address.name.slice(0, 35),
  ...(address.phone === undefined ? {} : { Phone: { Number: address.phone } }),
  Address: upsAddress(address),
});

/** Dimensions in CM and weight in KGS, as decimal strings (the APIs take strings). */
export const upsMeasures = (parcel: Parcel) => ({
  Dimensions: {
    UnitOfMeasurement: { Code: 'CM' },
    Length: (parcel.lengthMm / 10).toFixed(1),
    Width: (parcel.widthMm / 10).toFixed(1),
    Height: (parcel.heightMm / 10).toFixed(1),
  },
  PackageWeight: { UnitOfMeasurement: { Code: 'KGS' }, Weight: (parcel.weightGrams / 1000).toFixed(2) },
});

/** "12.30" GBP to 1230: decimal strings split, never through floating point. */
export const toMoney = (charge: { CurrencyCode?: string; MonetaryValue?: string } | undefined): Money => {
  const currency = charge?.CurrencyCode;
  const value = charge?.MonetaryValue;
  if (currency === undefined || value === undefined || !/^\d+(\.\d+)?$/.test(value))
    throw carrierError('ups', `a charge without a usable amount: ${JSON.stringify(charge)}`);
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const [whole = '0', fraction = ''] = value.split('.');
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0').slice(0, digits) || '0');
  return { amount: minor, currency };
};
