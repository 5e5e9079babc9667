import type { Clock, CommandMetadata } from '@omnistream/kernel';
import type { EventStore } from '@omnistream/event-store';
import type { AvailabilityView } from '../availability/availability-view.js';
import type { InventoryHandlers } from '../inventory-handlers.js';
import type { OrderSourcer } from '../sourcing-service/create-order-sourcer.js';
import type { RuleSetCatalogue } from '../sourcing-service/rule-set-catalogue.js';

/** What the inventory routes need: the store for reads, the handlers for commands, the view for availability. */
export interface InventoryRouteDependencies {
  readonly eventStore: EventStore;
  readonly handlers: InventoryHandlers;
  readonly view: AvailabilityView;
  readonly metadata: (correlationId?: string) => CommandMetadata;
  readonly clock: Clock;
  readonly ruleSets: RuleSetCatalogue;
  readonly sourceOrder: OrderSourcer;
}
