import {
  DomainError,
  PersistentMap,
  type Command,
  type DecidedEvent,
  type Decider,
} from '@omnistream/kernel';
import type {
  PriceListCreated,
  PriceListScope,
  PriceRemoved,
  PriceSet,
  PromotionCancelled,
  PromotionScheduled,
} from '@omnistream/contracts/catalog';
import { checkName } from '../check-name.js';
import { checkSku } from '../check-sku.js';
import { parseInstant } from '../parse-instant.js';
import {
  checkAmount,
  checkChannel,
  checkCurrency,
  checkId,
  checkMarket,
  checkPromotion,
  checkWindow,
} from './price-list-fields.js';
import { priceKey, type PriceList, type PriceListHeader, type StoredPromotion } from './price-list-state.js';

type WithList<T> = { readonly priceListId: string } & T;

export type PriceListCommand =
  | Command<'CreatePriceList', PriceListHeader>
  | Command<
      'SetPrice',
      WithList<{ sku: string; amount: number; validFrom: string; validTo: string | null; currency?: string }>
    >
  | Command<'RemovePrice', WithList<{ sku: string; validFrom: string }>>
  | Command<'SchedulePromotion', WithList<Omit<StoredPromotion, 'cancelled'>>>
  | Command<'CancelPromotion', WithList<{ promotionId: string }>>;

export type PriceListEvent =
  | DecidedEvent<'PriceListCreated', PriceListCreated>
  | DecidedEvent<'PriceSet', PriceSet>
  | DecidedEvent<'PriceRemoved', PriceRemoved>
  | DecidedEvent<'PromotionScheduled', PromotionScheduled>
  | DecidedEvent<'PromotionCancelled', PromotionCancelled>;

const scopeOf = ({ priceListId, market, channel, currency }: PriceListHeader): PriceListScope => ({
  priceListId,
  market,
  channel,
  currency,
});

const samePromotion = (a: Omit<StoredPromotion, 'cancelled'>, b: StoredPromotion): boolean =>
  a.name === b.name &&
  a.validFrom === b.validFrom &&
  a.validTo === b.validTo &&
  JSON.stringify(a.discount) === JSON.stringify(b.discount) &&
  a.skus.length === b.skus.length &&
  a.skus.every((sku, i) => sku === b.skus[i]);

/**
 * A price list for one market, channel and currency (stream `pricelist-<priceListId>`): price entries with
 * validity windows and promotions over them. Its events are public (contracts/catalog/pricelist) and carry the
 * list's scope, so a consumer needs no lookup. Setting an entry to what it is, scheduling the same promotion
 * again and cancelling a cancelled one decide nothing, so retries are harmless.
 */
export const priceList: Decider<PriceList, PriceListCommand, PriceListEvent> = {
  initialState: () => ({ status: 'unknown' }),
  decide: (command, state) => {
    const { priceListId } = command.data;
    if (command.type === 'CreatePriceList') {
      const header: PriceListHeader = {
        priceListId: checkId(priceListId, 'INVALID_PRICE_LIST_ID', 'priceListId'),
        name: checkName(command.data.name, 'INVALID_PRICE_LIST_NAME', 'a price list'),
        market: checkMarket(command.data.market),
        channel: checkChannel(command.data.channel),
        currency: checkCurrency(command.data.currency),
      };
      if (state.status !== 'unknown')
        throw new DomainError('PRICE_LIST_ALREADY_EXISTS', `price list ${priceListId} exists already`, {
          priceListId,
        });
      const { name, ...scope } = header;
      return [{ type: 'PriceListCreated', data: { ...scope, name, createdAt: command.metadata.now } }];
    }
    if (state.status === 'unknown')
      throw new DomainError('PRICE_LIST_NOT_FOUND', `there is no price list ${priceListId}`, { priceListId });
    const scope = scopeOf(state.header);
    switch (command.type) {
      case 'SetPrice': {
        const { currency } = command.data;
        if (currency !== undefined && currency !== scope.currency)
          throw new DomainError(
            'CURRENCY_MISMATCH',
            `price list ${priceListId} is in ${scope.currency}; amounts in ${currency} belong in another list`,
            { priceListId, currency: scope.currency },
          );
        const sku = checkSku(command.data.sku);
        const amount = checkAmount(command.data.amount, 0);
        const { validFrom, validTo } = checkWindow(command.data.validFrom, command.data.validTo);
        const current = state.prices.get(priceKey(sku, validFrom));
        if (current !== undefined && current.amount === amount && current.validTo === validTo) return [];
        return [{ type: 'PriceSet', data: { ...scope, sku, amount, validFrom, validTo } }];
      }
      case 'RemovePrice': {
        const sku = checkSku(command.data.sku);
        const validFrom = parseInstant(command.data.validFrom, 'validFrom');
        if (!state.prices.has(priceKey(sku, validFrom)))
          throw new DomainError(
            'PRICE_NOT_FOUND',
            `price list ${priceListId} has no price for ${sku} from ${validFrom}`,
            { priceListId, sku, validFrom },
          );
        return [{ type: 'PriceRemoved', data: { ...scope, sku, validFrom } }];
      }
      case 'SchedulePromotion': {
        const promotion = checkPromotion(command.data);
        const existing = state.promotions.get(promotion.promotionId);
        if (existing !== undefined) {
          if (!existing.cancelled && samePromotion(promotion, existing)) return [];
          throw new DomainError(
            'PROMOTION_ALREADY_EXISTS',
            `promotion ${promotion.promotionId} was ${existing.cancelled ? 'cancelled' : 'scheduled differently'}; ` +
              'schedule a new promotion under a new id',
            { promotionId: promotion.promotionId },
          );
        }
        return [{ type: 'PromotionScheduled', data: { ...scope, ...promotion } }];
      }
      case 'CancelPromotion': {
        const { promotionId } = command.data;
        const existing = state.promotions.get(promotionId);
        if (existing === undefined)
          throw new DomainError(
            'PROMOTION_NOT_FOUND',
            `price list ${priceListId} has no promotion ${promotionId}`,
            { priceListId, promotionId },
          );
        return existing.cancelled ? [] : [{ type: 'PromotionCancelled', data: { ...scope, promotionId } }];
      }
    }
  },
  evolve: (state, event) => {
    if (event.type === 'PriceListCreated') {
      const { createdAt: _createdAt, ...header } = event.data;
      return { status: 'open', header, prices: PersistentMap.empty(), promotions: PersistentMap.empty() };
    }
    if (state.status === 'unknown') return state;
    switch (event.type) {
      case 'PriceSet': {
        const { sku, amount, validFrom, validTo } = event.data;
        const prices = state.prices.set(priceKey(sku, validFrom), { sku, amount, validFrom, validTo });
        return { ...state, prices };
      }
      case 'PriceRemoved':
        return { ...state, prices: state.prices.delete(priceKey(event.data.sku, event.data.validFrom)) };
      case 'PromotionScheduled': {
        const { promotionId, name, skus, discount, validFrom, validTo } = event.data;
        const promotion = { promotionId, name, skus, discount, validFrom, validTo, cancelled: false };
        return { ...state, promotions: state.promotions.set(promotionId, promotion) };
      }
      case 'PromotionCancelled': {
        const existing = state.promotions.get(event.data.promotionId);
        if (existing === undefined) return state;
        return {
          ...state,
          promotions: state.promotions.set(event.data.promotionId, { ...existing, cancelled: true }),
        };
      }
    }
  },
};
