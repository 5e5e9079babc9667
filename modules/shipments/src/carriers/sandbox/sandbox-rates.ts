import type { Parcel, ServiceLevel } from '@omnistream/contracts/shipments';

/** Base price per service level in minor units, and business days in transit. */
const SERVICES: Readonly<Record<ServiceLevel, { code: string; base: number; days: number }>> = {
  standard: { code: 'SBX-STANDARD', base: 395, days: 3 },
  express: { code: 'SBX-EXPRESS', base: 695, days: 2 },
  next_day: { code: 'SBX-NEXT-DAY', base: 995, days: 1 },
};

export const SANDBOX_SERVICE_LEVELS: readonly ServiceLevel[] = ['standard', 'express', 'next_day'];

/**
 * Deterministic sandbox prices: the service's base, 60 per started 500 g beyond the first kilogram, and 150 more
 * for a parcel whose length, width and height add up to over 1.5 m.
 */
export const sandboxRate = (serviceLevel: ServiceLevel, parcel: Parcel) => {
  const service = SERVICES[serviceLevel];
  const extraWeight = Math.max(0, Math.ceil((parcel.weightGrams - 1000) / 500)) * 60;
  const bulky = parcel.lengthMm + parcel.widthMm + parcel.heightMm > 1500 ? 150 : 0;
  return { service: service.code, amount: service.base + extraWeight + bulky, transitDays: service.days };
};
