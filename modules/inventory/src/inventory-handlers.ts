import { createBatchingCommandHandler, createCommandHandler, type EventStore } from '@omnistream/event-store';
import { salesChannel } from './domain/channel/sales-channel.js';
import { location } from './domain/location/location.js';
import { stockItem } from './domain/stock/stock-item.js';
import { sourcingRuleSet } from './domain/sourcing-rules/sourcing-rule-set.js';
import { orderSourcing } from './domain/order-sourcing/order-sourcing.js';

/** The command handlers of inventory's aggregates. */
export const inventoryHandlers = (eventStore: EventStore) => ({
  location: createCommandHandler(eventStore, location),
  channel: createCommandHandler(eventStore, salesChannel),
  // Every reservation of a SKU goes through its one stream: batched, so a best seller is not one append per unit.
  stock: createBatchingCommandHandler(eventStore, stockItem),
  ruleSet: createCommandHandler(eventStore, sourcingRuleSet),
  sourcing: createCommandHandler(eventStore, orderSourcing),
});

export type InventoryHandlers = ReturnType<typeof inventoryHandlers>;
