import type { SalesChannel } from '../domain/channel/sales-channel.js';
import type { AvailabilityView } from './availability-view.js';
import { channelAvailability } from './channel-availability.js';

interface CachedItem {
  readonly skuVersion: number;
  readonly network: number;
  readonly prices: number;
  /** When the price may change (effectivePrice's validUntil), in epoch ms; Infinity when nothing known does. */
  readonly validUntil: number;
  readonly json: string;
}

/**
 * One SKU's availability answer for a channel, as the JSON the API sends, kept until something it was computed
 * from changes: the SKU's stock (its stream version), the network, the prices, or the end of its price's validity.
 * A best seller read a thousand times a second between two reservations is computed once.
 */
export const createItemCache = (view: AvailabilityView) => {
  const cache = new Map<string, CachedItem>();
  return {
    json: (channel: SalesChannel, sku: string, now: Date): string => {
      const key = `${channel.channelId}\u0000${sku}`;
      const skuVersion = view.skuVersion(sku);
      const network = view.networkGeneration();
      const prices = view.priceGeneration();
      const at = now.getTime();
      const cached = cache.get(key);
      if (
        cached !== undefined &&
        cached.skuVersion === skuVersion &&
        cached.network === network &&
        cached.prices === prices &&
        at < cached.validUntil
      )
        return cached.json;
      const effective = view.price(channel, sku, now);
      // The documented fields only (the response schema's, as the serializer would have kept them).
      const price =
        effective === undefined
          ? null
          : {
              amount: effective.amount,
              regularAmount: effective.regularAmount,
              currency: effective.currency,
              ...(effective.promotionId === undefined ? {} : { promotionId: effective.promotionId }),
              ...(effective.validUntil === undefined ? {} : { validUntil: effective.validUntil }),
            };
      const item = { ...channelAvailability(sku, view.levels(sku), view.eligibleLocations(channel)), price };
      // Key order as the response schema documents it.
      const json = JSON.stringify({
        sku: item.sku,
        available: item.available,
        price,
        locations: item.locations,
      });
      const validUntil =
        price?.validUntil === undefined ? Number.POSITIVE_INFINITY : Date.parse(price.validUntil);
      cache.set(key, { skuVersion, network, prices, validUntil, json });
      return json;
    },
  };
};
