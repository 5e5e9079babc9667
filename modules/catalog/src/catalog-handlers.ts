import { createCommandHandler, type EventStore } from '@omnistream/event-store';
import { priceList } from './domain/price-list/price-list.js';
import { product } from './domain/product/product.js';
import { priceListSnapshot } from './price-list-snapshot.js';

/** The one generic command handler (STYLE.md 6) over each catalog decider. */
export const catalogHandlers = (eventStore: EventStore) => ({
  product: createCommandHandler(eventStore, product),
  priceList: createCommandHandler(eventStore, priceList, { snapshot: priceListSnapshot }),
});

export type CatalogHandlers = ReturnType<typeof catalogHandlers>;
