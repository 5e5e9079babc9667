import { DomainError, type Command, type DecidedEvent, type Decider } from '@omnistream/kernel';

export const LOCATION_CAPABILITIES = ['ship', 'pick_up', 'ship_from_store', 'transfer'] as const;
export type LocationCapability = (typeof LOCATION_CAPABILITIES)[number];

/** What a DC or a store is: where it is, how much work it takes a day and what it can do. */
export interface LocationProfile {
  readonly locationId: string;
  readonly name: string;
  readonly type: 'dc' | 'store';
  readonly market: string;
  readonly lat: number;
  readonly lon: number;
  /** Higher is preferred by sourcing when all else is equal. */
  readonly priority: number;
  /** Order lines it can pick in a day. */
  readonly dailyCapacity: number;
  readonly capabilities: readonly LocationCapability[];
  /** Where parcels are collected from: carriers need it on every label it ships; absent for none given. */
  readonly address?: PostalAddress;
}

/** A postal address in the shape carriers take (contracts/shipments Address). */
export interface PostalAddress {
  readonly name: string;
  readonly lines: readonly string[];
  readonly city: string;
  readonly postalCode: string;
  readonly countryCode: string;
}

export type Location =
  { readonly status: 'unknown' } | { readonly status: 'open' | 'closed'; readonly profile: LocationProfile };

export type LocationCommand =
  | Command<'RegisterLocation', LocationProfile>
  | Command<'UpdateLocation', { locationId: string } & Partial<Omit<LocationProfile, 'locationId' | 'type'>>>
  | Command<'CloseLocation', { locationId: string; reason: string }>
  | Command<'ReopenLocation', { locationId: string }>;

export type LocationEvent =
  | DecidedEvent<'LocationRegistered', LocationProfile & { at: string }>
  | DecidedEvent<'LocationUpdated', LocationProfile & { at: string }>
  | DecidedEvent<'LocationClosed', { locationId: string; reason: string; at: string }>
  | DecidedEvent<'LocationReopened', { locationId: string; at: string }>;

const checkProfile = (profile: LocationProfile): LocationProfile => {
  if (!(profile.lat >= -90 && profile.lat <= 90 && profile.lon >= -180 && profile.lon <= 180))
    throw new DomainError('INVALID_COORDINATES', `lat must be in [-90, 90] and lon in [-180, 180]`);
  if (!Number.isSafeInteger(profile.dailyCapacity) || profile.dailyCapacity < 0)
    throw new DomainError('INVALID_CAPACITY', 'dailyCapacity is a whole number of order lines, 0 or more');
  // Built field by field: a fixed key order makes two equal profiles serialise equally.
  const { locationId, name, type, market, lat, lon, priority, dailyCapacity } = profile;
  const capabilities = [...new Set(profile.capabilities)].sort();
  const checked = { locationId, name, type, market, lat, lon, priority, dailyCapacity, capabilities };
  if (profile.address === undefined) return checked;
  const { name: addressee, lines, city, postalCode, countryCode } = profile.address;
  return { ...checked, address: { name: addressee, lines: [...lines], city, postalCode, countryCode } };
};

const same = (a: LocationProfile, b: LocationProfile) => JSON.stringify(a) === JSON.stringify(b);

/** A DC or store (stream `location-<id>`); registering the same profile again is a no-op. */
export const location: Decider<Location, LocationCommand, LocationEvent> = {
  initialState: () => ({ status: 'unknown' }),
  decide: (command, state) => {
    const at = command.metadata.now;
    switch (command.type) {
      case 'RegisterLocation': {
        const profile = checkProfile(command.data);
        if (state.status === 'unknown') return [{ type: 'LocationRegistered', data: { ...profile, at } }];
        if (same(state.profile, profile)) return [];
        throw new DomainError(
          'LOCATION_ALREADY_EXISTS',
          `location ${profile.locationId} is registered already`,
        );
      }
      case 'UpdateLocation': {
        if (state.status === 'unknown') throw notFound(command.data.locationId);
        const profile = checkProfile({ ...state.profile, ...command.data });
        return same(profile, state.profile) ? [] : [{ type: 'LocationUpdated', data: { ...profile, at } }];
      }
      case 'CloseLocation':
        if (state.status === 'unknown') throw notFound(command.data.locationId);
        return state.status === 'closed' ? [] : [{ type: 'LocationClosed', data: { ...command.data, at } }];
      case 'ReopenLocation':
        if (state.status === 'unknown') throw notFound(command.data.locationId);
        return state.status === 'open' ? [] : [{ type: 'LocationReopened', data: { ...command.data, at } }];
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'LocationRegistered':
      case 'LocationUpdated': {
        const { at: _at, ...profile } = event.data;
        return { status: state.status === 'closed' ? 'closed' : 'open', profile };
      }
      case 'LocationClosed':
        return state.status === 'unknown' ? state : { ...state, status: 'closed' };
      case 'LocationReopened':
        return state.status === 'unknown' ? state : { ...state, status: 'open' };
    }
  },
};

const notFound = (locationId: string) =>
  new DomainError('LOCATION_NOT_FOUND', `no location ${locationId}; register it first`);
