import { DomainError, type Command, type DecidedEvent, type Decider } from '@omnistream/kernel';
import type { LocationCapability } from '../location/location.js';

/**
 * A storefront drawing on shared stock (web, app, marketplace, per market): which locations may promise to it.
 * Eligible: open locations of its market whose type is listed and that have the capability it needs, minus the
 * excluded ones.
 */
export interface SalesChannel {
  readonly channelId: string;
  readonly market: string;
  /** The price-list channel its prices come from (web, app, marketplace, store). */
  readonly priceChannel: string;
  readonly currency: string;
  readonly locationTypes: readonly ('dc' | 'store')[];
  readonly requiredCapability: LocationCapability | null;
  readonly excludedLocations: readonly string[];
}

export type SalesChannelState =
  { readonly defined: false } | { readonly defined: true; readonly channel: SalesChannel };

export type SalesChannelCommand = Command<'DefineSalesChannel', SalesChannel>;
export type SalesChannelEvent = DecidedEvent<'SalesChannelDefined', SalesChannel & { at: string }>;

/** Stream `saleschannel-<id>`: defining it again with other values replaces the definition. */
export const salesChannel: Decider<SalesChannelState, SalesChannelCommand, SalesChannelEvent> = {
  initialState: () => ({ defined: false }),
  decide: (command, state) => {
    const { channelId, market, priceChannel, currency, requiredCapability } = command.data;
    // Built field by field: a fixed key order makes two equal definitions serialise equally.
    const channel: SalesChannel = {
      channelId,
      market,
      priceChannel,
      currency,
      locationTypes: [...new Set(command.data.locationTypes)].sort(),
      requiredCapability,
      excludedLocations: [...new Set(command.data.excludedLocations)].sort(),
    };
    if (channel.locationTypes.length === 0)
      throw new DomainError('INVALID_SALES_CHANNEL', 'locationTypes needs at least one of dc, store');
    if (state.defined && JSON.stringify(state.channel) === JSON.stringify(channel)) return [];
    return [{ type: 'SalesChannelDefined', data: { ...channel, at: command.metadata.now } }];
  },
  evolve: (_state, event) => {
    const { at: _at, ...channel } = event.data;
    return { defined: true, channel };
  },
};
