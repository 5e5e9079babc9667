import type { EventEnvelope } from '@omnistream/kernel';
import type { Projection } from '@omnistream/projections';
import type { LocationEvent } from '../domain/location/location.js';
import type { SalesChannelEvent } from '../domain/channel/sales-channel.js';

export const NETWORK_PROJECTION = 'inventory_network';

const isNetworkEvent = (event: EventEnvelope): boolean =>
  event.streamId.startsWith('location-') || event.streamId.startsWith('saleschannel-');

/** Locations (with open or closed status) and sales channels, as sourcing and availability read them. */
export const networkProjection: Projection = {
  name: NETWORK_PROJECTION,
  version: 1,
  tables: ['locations', 'channels'],
  filter: isNetworkEvent,
  setup: async (tx, t) => {
    await tx.query(`create table ${t('locations')} (
      location_id text primary key, profile jsonb not null, open boolean not null, version bigint not null)`);
    await tx.query(`create table ${t('channels')} (channel_id text primary key, definition jsonb not null)`);
  },
  handle: async (events, tx, t) => {
    for (const event of events.filter(isNetworkEvent) as unknown as (EventEnvelope &
      (LocationEvent | SalesChannelEvent))[]) {
      switch (event.type) {
        case 'LocationRegistered':
        case 'LocationUpdated': {
          const { at: _at, ...profile } = event.data;
          await tx.query(
            `insert into ${t('locations')} (location_id, profile, open, version) values ($1, $2::text::jsonb, true, $3)
             on conflict (location_id) do update set profile = excluded.profile, version = excluded.version`,
            [profile.locationId, JSON.stringify(profile), event.version],
          );
          break;
        }
        case 'LocationClosed':
        case 'LocationReopened':
          await tx.query(`update ${t('locations')} set open = $2, version = $3 where location_id = $1`, [
            event.data.locationId,
            event.type === 'LocationReopened',
            event.version,
          ]);
          break;
        case 'SalesChannelDefined': {
          const { at: _at, ...definition } = event.data;
          await tx.query(
            `insert into ${t('channels')} (channel_id, definition) values ($1, $2::text::jsonb)
             on conflict (channel_id) do update set definition = excluded.definition`,
            [definition.channelId, JSON.stringify(definition)],
          );
          break;
        }
      }
    }
  },
};
