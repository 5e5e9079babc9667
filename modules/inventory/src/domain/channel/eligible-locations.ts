import type { LocationProfile } from '../location/location.js';
import type { SalesChannel } from './sales-channel.js';

/**
 * The locations that may promise stock to a channel, most preferred first: open, in its market, of a listed type,
 * with the capability it needs and not excluded; then DCs before stores, higher priority first, ids breaking ties
 * so the order is the same in every process.
 */
export const eligibleLocations = (
  channel: SalesChannel,
  locations: Iterable<{ readonly profile: LocationProfile; readonly open: boolean }>,
): LocationProfile[] => {
  const excluded = new Set(channel.excludedLocations);
  return [...locations]
    .filter(
      ({ profile, open }) =>
        open &&
        profile.market === channel.market &&
        channel.locationTypes.includes(profile.type) &&
        (channel.requiredCapability === null || profile.capabilities.includes(channel.requiredCapability)) &&
        !excluded.has(profile.locationId),
    )
    .map(({ profile }) => profile)
    .sort(
      (a, b) =>
        (a.type === b.type ? 0 : a.type === 'dc' ? -1 : 1) ||
        b.priority - a.priority ||
        (a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0),
    );
};
