import type { EventEnvelope } from '@omnistream/kernel';
import { systemClock, type Clock } from '@omnistream/kernel';
import type { EventStore, FeedPosition } from '@omnistream/event-store';
import { readModel } from '@omnistream/projections';
import type { LocationStock } from '../domain/stock/stock-item-messages.js';
import type { LocationProfile } from '../domain/location/location.js';
import type { SalesChannel } from '../domain/channel/sales-channel.js';
import { eligibleLocations } from '../domain/channel/eligible-locations.js';
import { NETWORK_PROJECTION } from '../read-models/network-projection.js';
import { STOCK_PROJECTION } from '../read-models/stock-projection.js';
import { stockDeltas } from '../read-models/stock-deltas.js';
import { SOURCING_PROJECTION } from '../read-models/sourcing-projection.js';
import type { OrderSourcingEvent } from '../domain/order-sourcing/order-sourcing.js';
import {
  CHANNEL_PRICE_PROJECTION,
  isPriceListEvent,
  type PriceListEvent,
} from '../read-models/channel-price-projection.js';
import type { PriceEntry, PromotionEntry } from '@omnistream/contracts/catalog';
import { createPriceBook } from './price-book.js';
import type { StockItemEvent } from '../domain/stock/stock-item-messages.js';

export interface KnownLocation {
  readonly profile: LocationProfile;
  readonly open: boolean;
}

interface SkuLevels {
  version: number;
  readonly byLocation: Map<string, LocationStock>;
}

export interface AvailabilityViewOptions {
  /** How often the feed is read when no commit woke the view, in milliseconds. */
  readonly pollIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
  /** Decides which days of sourcing load are loaded at start (today and yesterday, UTC). */
  readonly clock?: Clock;
}

const DAY_MS = 86_400_000;

/**
 * The read side of availability, in memory: the stock projection loaded once, then kept current from the event
 * feed, so an availability read is a few map lookups and never waits on the database. It lags the last commit by
 * one feed read (woken on every commit, in other processes too on PostgreSQL). Each SKU carries its stream version:
 * events the loaded rows already include are skipped, and a version gap (never expected) reloads that SKU.
 */
export const createAvailabilityView = (store: EventStore, options: AvailabilityViewOptions = {}) => {
  const db = store.database;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const onError = options.onError ?? (() => {});
  const clock = options.clock ?? systemClock;
  const skus = new Map<string, SkuLevels>();
  const locations = new Map<string, KnownLocation>();
  const channels = new Map<string, SalesChannel>();
  /** Eligible locations per channel, most preferred first; dropped whenever a location or channel changes. */
  const eligible = new Map<string, readonly LocationProfile[]>();
  /** Bumped on every location or channel change, so callers can cache what they derive from the network. */
  let networkGeneration = 0;
  /** Order lines sourcing gave each location, by UTC day (YYYY-MM-DD) then location id. */
  const load = new Map<string, Map<string, number>>();
  const prices = createPriceBook();
  /** Bumped on every price list event, so callers can cache what they derive from prices. */
  let priceGeneration = 0;
  let position: FeedPosition | undefined;
  let stopped = false;
  let wake: () => void = () => {};
  let loop: Promise<void> = Promise.resolve();

  const loadSku = async (sku: string) => {
    const { version, rows } = await readModel(db, STOCK_PROJECTION, async ({ t }) => {
      const [head] = await db.query<{ version: string }>(
        `select version::text as version from ${t('skus')} where sku = $1`,
        [sku],
      );
      const levels = await db.query<{
        location_id: string;
        on_hand: string;
        reserved: string;
        safety: string;
      }>(
        `select location_id, on_hand::text, reserved::text, safety::text from ${t('levels')} where sku = $1`,
        [sku],
      );
      return { version: Number(head?.version ?? 0), rows: levels };
    });
    skus.set(sku, {
      version,
      byLocation: new Map(
        rows.map((r) => [r.location_id, { onHand: +r.on_hand, reserved: +r.reserved, safety: +r.safety }]),
      ),
    });
  };

  const loadAll = async () => {
    await readModel(db, STOCK_PROJECTION, async ({ t }) => {
      const heads = await db.query<{ sku: string; version: string }>(
        `select sku, version::text as version from ${t('skus')}`,
      );
      for (const head of heads) skus.set(head.sku, { version: Number(head.version), byLocation: new Map() });
      const levels = await db.query<{
        sku: string;
        location_id: string;
        on_hand: string;
        reserved: string;
        safety: string;
      }>(`select sku, location_id, on_hand::text, reserved::text, safety::text from ${t('levels')}`);
      for (const r of levels)
        skus.get(r.sku)?.byLocation.set(r.location_id, {
          onHand: +r.on_hand,
          reserved: +r.reserved,
          safety: +r.safety,
        });
    });
    await readModel(db, NETWORK_PROJECTION, async ({ t }) => {
      const rows = await db.query<{ profile: LocationProfile; open: boolean }>(
        `select profile, open from ${t('locations')}`,
      );
      for (const row of rows) locations.set(row.profile.locationId, { profile: row.profile, open: row.open });
      const defined = await db.query<{ definition: SalesChannel }>(`select definition from ${t('channels')}`);
      for (const row of defined) channels.set(row.definition.channelId, row.definition);
    });
    const yesterday = new Date(clock.now().getTime() - DAY_MS).toISOString().slice(0, 10);
    await readModel(db, SOURCING_PROJECTION, async ({ t }) => {
      const rows = await db.query<{ day: string; location_id: string; lines: string }>(
        `select day, location_id, lines::text from ${t('load')} where day >= $1`,
        [yesterday],
      );
      for (const row of rows) addLoad(row.day, row.location_id, +row.lines);
    });
    await readModel(db, CHANNEL_PRICE_PROJECTION, async ({ t }) => {
      const entries = await db.query<{ scope: string; price: PriceEntry }>(
        `select scope, price from ${t('prices')}`,
      );
      for (const row of entries) prices.setPrice(row.scope, row.price);
      const promotions = await db.query<{ scope: string; promotion: PromotionEntry }>(
        `select scope, promotion from ${t('promotions')}`,
      );
      for (const row of promotions) prices.schedule(row.scope, row.promotion);
    });
  };

  const addLoad = (day: string, locationId: string, lines: number) => {
    let byLocation = load.get(day);
    if (byLocation === undefined) {
      byLocation = new Map();
      load.set(day, byLocation);
      // Keep two days: today's, and yesterday's for the minutes either side of midnight.
      for (const known of [...load.keys()].sort().slice(0, -2)) load.delete(known);
    }
    byLocation.set(locationId, (byLocation.get(locationId) ?? 0) + lines);
  };

  const applySourcing = (event: EventEnvelope) => {
    if (event.type !== 'OrderSourcingDecided') return;
    const { day, change } = (event as unknown as OrderSourcingEvent).data.load;
    for (const [locationId, lines] of Object.entries(change)) addLoad(day, locationId, lines);
  };

  const applyStock = async (event: EventEnvelope) => {
    const sku = (event.data as { sku: string }).sku;
    const known = skus.get(sku);
    if (known !== undefined && event.version <= known.version) return; // the loaded rows include it
    if (known === undefined ? event.version !== 1 : event.version !== known.version + 1) return loadSku(sku);
    const levels = known ?? { version: 0, byLocation: new Map<string, LocationStock>() };
    const { levels: deltas } = stockDeltas([event as unknown as EventEnvelope & StockItemEvent]);
    for (const delta of deltas) {
      const current = levels.byLocation.get(delta.location_id) ?? { onHand: 0, reserved: 0, safety: 0 };
      levels.byLocation.set(delta.location_id, {
        onHand: current.onHand + delta.on_hand,
        reserved: current.reserved + delta.reserved,
        safety: delta.safety ?? current.safety,
      });
    }
    levels.version = event.version;
    skus.set(sku, levels);
  };

  const applyNetwork = (event: EventEnvelope) => {
    eligible.clear();
    networkGeneration += 1;
    const data = event.data as Record<string, unknown>;
    if (event.type === 'LocationRegistered' || event.type === 'LocationUpdated') {
      const { at: _at, ...profile } = data;
      const id = (profile as unknown as LocationProfile).locationId;
      locations.set(id, {
        profile: profile as unknown as LocationProfile,
        open: locations.get(id)?.open ?? true,
      });
    } else if (event.type === 'LocationClosed' || event.type === 'LocationReopened') {
      const known = locations.get(data.locationId as string);
      if (known !== undefined)
        locations.set(data.locationId as string, { ...known, open: event.type === 'LocationReopened' });
    } else if (event.type === 'SalesChannelDefined') {
      const { at: _at, ...definition } = data;
      channels.set(definition.channelId as string, definition as unknown as SalesChannel);
    }
  };

  const follow = async () => {
    while (!stopped) {
      try {
        const page = await store.readFeed(position as FeedPosition, { limit: 1000 });
        for (const event of page.events) {
          if (event.streamId.startsWith('stock-')) await applyStock(event);
          else if (event.streamId.startsWith('location-') || event.streamId.startsWith('saleschannel-'))
            applyNetwork(event);
          else if (event.streamId.startsWith('sourcing-')) applySourcing(event);
          else if (isPriceListEvent(event)) {
            prices.apply(event as unknown as PriceListEvent);
            priceGeneration += 1;
          }
        }
        position = page.position;
        if (page.events.length === 1000) continue;
      } catch (error) {
        onError(error);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollIntervalMs);
        timer.unref();
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };

  let unsubscribe: () => void = () => {};
  return {
    start: async () => {
      position = await store.feedHead();
      await loadAll();
      unsubscribe = store.onCommitted(() => wake());
      loop = follow();
    },
    /** Stock of one SKU per location, or undefined when the SKU has never had stock. */
    levels: (sku: string): ReadonlyMap<string, LocationStock> | undefined => skus.get(sku)?.byLocation,
    location: (locationId: string): KnownLocation | undefined => locations.get(locationId),
    locations: (): IterableIterator<KnownLocation> => locations.values(),
    channel: (channelId: string): SalesChannel | undefined => channels.get(channelId),
    /** The channel's eligible locations now (see eligibleLocations), computed once per change of the network. */
    eligibleLocations: (channel: SalesChannel): readonly LocationProfile[] => {
      let found = eligible.get(channel.channelId);
      if (found === undefined) {
        found = eligibleLocations(channel, locations.values());
        eligible.set(channel.channelId, found);
      }
      return found;
    },
    /** The price of a SKU for a channel's market, price channel and currency at an instant (catalog rules). */
    price: (channel: SalesChannel, sku: string, at: Date) =>
      prices.price(
        { market: channel.market, channel: channel.priceChannel, currency: channel.currency },
        sku,
        at,
      ),
    /** The SKU's stream version as the view has applied it (0 for none): a cache key for its availability. */
    skuVersion: (sku: string): number => skus.get(sku)?.version ?? 0,
    /** Changes whenever a price list event is applied. */
    priceGeneration: (): number => priceGeneration,
    /** Changes whenever a location or channel does: a key for caches of what follows from the network. */
    networkGeneration: (): number => networkGeneration,
    /** Order lines sourcing has given the location on a UTC day (YYYY-MM-DD). */
    load: (day: string, locationId: string): number => load.get(day)?.get(locationId) ?? 0,
    /** Resolves once the view has applied everything on the feed up to now. */
    caughtUp: async () => {
      const head = await store.feedHead();
      while (
        position === undefined ||
        position.transactionId < head.transactionId ||
        (position.transactionId === head.transactionId && position.globalPosition < head.globalPosition)
      ) {
        wake();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: async () => {
      stopped = true;
      unsubscribe();
      wake();
      await loop;
    },
  };
};

export type AvailabilityView = ReturnType<typeof createAvailabilityView>;
