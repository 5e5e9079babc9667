import type { SourcingLocation } from '../domain/sourcing/sourcing-location.js';
import type { SourcingNetwork } from '../domain/sourcing/sourcing-network.js';
import type { SalesChannel } from '../domain/channel/sales-channel.js';
import type { LocationStock } from '../domain/stock/stock-item-messages.js';
import { promisable } from '../domain/stock/allocate.js';
import type { AvailabilityView } from '../availability/availability-view.js';

type LiveLocation = { -readonly [K in keyof SourcingLocation]: SourcingLocation[K] };

/** Units already held for this order, by SKU then location: its own reservations count as its stock. */
export type HeldForOrder = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * The sourcing network of a channel as the availability view knows it now: every location of the channel's
 * market and location types that the channel does not exclude, open or closed (so the explanation says which were
 * closed), with today's load from the sourcing decisions already made. The location objects are kept per
 * channel until the network changes, so the engine's per-location caches stay warm between decisions; only load
 * and open status are refreshed per decision.
 */
export const createLiveSourcingNetwork = (view: AvailabilityView) => {
  const byChannel = new Map<string, { generation: number; locations: LiveLocation[] }>();

  const locationsOf = (channel: SalesChannel): LiveLocation[] => {
    const generation = view.networkGeneration();
    const cached = byChannel.get(channel.channelId);
    if (cached !== undefined && cached.generation === generation) return cached.locations;
    const excluded = new Set(channel.excludedLocations);
    const locations: LiveLocation[] = [];
    for (const { profile, open } of view.locations())
      if (
        profile.market === channel.market &&
        channel.locationTypes.includes(profile.type) &&
        !excluded.has(profile.locationId)
      )
        locations.push({
          id: profile.locationId,
          type: profile.type,
          lat: profile.lat,
          lon: profile.lon,
          priority: profile.priority,
          dailyCapacity: profile.dailyCapacity,
          todayLoad: 0,
          capabilities: profile.capabilities,
          open,
        });
    locations.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    byChannel.set(channel.channelId, { generation, locations });
    return locations;
  };

  const promisableAt = (
    levels: ReadonlyMap<string, LocationStock> | undefined,
    held: ReadonlyMap<string, number> | undefined,
  ): ReadonlyMap<string, number> | undefined => {
    if (levels === undefined) return undefined;
    const units = new Map<string, number>();
    for (const [locationId, stock] of levels) {
      const own = held?.get(locationId) ?? 0;
      const promise = promisable({ ...stock, reserved: Math.max(0, stock.reserved - own) });
      if (promise > 0) units.set(locationId, promise);
    }
    return units;
  };

  return (
    channel: SalesChannel,
    options: { day: string; excludeLocations?: readonly string[]; held?: HeldForOrder },
  ): SourcingNetwork => {
    let locations = locationsOf(channel);
    for (const location of locations) {
      location.todayLoad = view.load(options.day, location.id);
      location.open = view.location(location.id)?.open ?? false;
    }
    if (options.excludeLocations !== undefined && options.excludeLocations.length > 0) {
      const excluded = new Set(options.excludeLocations);
      locations = locations.filter((location) => !excluded.has(location.id));
    }
    return {
      locations,
      stockOf: (sku) => promisableAt(view.levels(sku), options.held?.get(sku)),
    };
  };
};

export type LiveSourcingNetwork = ReturnType<typeof createLiveSourcingNetwork>;
