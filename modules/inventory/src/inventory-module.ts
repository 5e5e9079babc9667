import { isDomainError, systemClock, type Clock, type CommandMetadata } from '@omnistream/kernel';
import type { EventStore } from '@omnistream/event-store';
import { inlineProjection, startProjection, type ProjectionHandle } from '@omnistream/projections';
import type { HttpApp } from '@omnistream/http';
import { createAvailabilityView, type AvailabilityView } from './availability/availability-view.js';
import { inventoryHandlers } from './inventory-handlers.js';
import { registerInventoryRoutes } from './http/register-inventory-routes.js';
import { networkProjection } from './read-models/network-projection.js';
import { stockProjection } from './read-models/stock-projection.js';
import { startExpirySweep } from './reservations/start-expiry-sweep.js';
import { sourcingProjection } from './read-models/sourcing-projection.js';
import { channelPriceProjection } from './read-models/channel-price-projection.js';
import { createRuleSetCatalogue } from './sourcing-service/rule-set-catalogue.js';
import { createOrderSourcer, DEFAULT_RULE_SET_ID } from './sourcing-service/create-order-sourcer.js';
import { defaultRuleSet } from './simulation/default-rule-set.js';
import { executeInventoryCommand } from './saga/execute-inventory-command.js';

/** The inventory read models; the event store must be created with their inline hooks (`inventoryAppendHooks`). */
export const inventoryProjections = [
  stockProjection,
  networkProjection,
  sourcingProjection,
  channelPriceProjection,
] as const;
export const inventoryAppendHooks = () =>
  inventoryProjections.map((projection) => inlineProjection(projection));

export interface InventoryModuleDependencies {
  readonly eventStore: EventStore;
  readonly clock?: Clock;
  /** How often expired reservations are released, in milliseconds. */
  readonly expirySweepIntervalMs?: number;
  readonly onError?: (error: unknown, where: string) => void;
}

/**
 * Locations, sales channels, stock and reservations (DESIGN.md layout: modules/inventory). Nothing runs until
 * `start`: the inline projections are registered and built, the availability view loads, the expiry sweep begins.
 */
export const createInventoryModule = ({
  eventStore,
  clock = systemClock,
  expirySweepIntervalMs = 5_000,
  onError = () => {},
}: InventoryModuleDependencies) => {
  const handlers = inventoryHandlers(eventStore);
  const view: AvailabilityView = createAvailabilityView(eventStore, {
    clock,
    onError: (error) => onError(error, 'availability view'),
  });
  const metadata = (correlationId?: string): CommandMetadata => ({
    now: clock.now().toISOString(),
    ...(correlationId === undefined ? {} : { correlationId }),
  });
  const ruleSets = createRuleSetCatalogue(eventStore.database);
  const sourceOrder = createOrderSourcer({ eventStore, view, handlers, ruleSets, clock, metadata });
  /** The shipped rule set becomes version 1 of `default` on first start; later starts leave it as users left it. */
  const publishDefaultRuleSet = async () => {
    try {
      await handlers.ruleSet(
        `sourcingrules-${DEFAULT_RULE_SET_ID}`,
        {
          type: 'PublishRuleSet',
          data: { ruleSet: { ...defaultRuleSet, id: DEFAULT_RULE_SET_ID } },
          metadata: metadata(),
        },
        { expectedVersion: 0 },
      );
    } catch (error) {
      if (!isDomainError(error, 'STREAM_VERSION_CONFLICT')) throw error;
    }
  };
  let projections: ProjectionHandle[] = [];
  let stopSweep: () => Promise<void> = async () => {};
  return {
    name: 'inventory' as const,
    handlers,
    view,
    ruleSets,
    /** Sources an order on live stock and records the decision (what POST /inventory/sourcing/decisions does). */
    sourceOrder,
    /** Applies the commands sagas send inventory (contracts/inventory InventorySagaCommand). */
    execute: executeInventoryCommand({ eventStore, handlers, view, sourceOrder, clock, metadata }),
    registerRoutes: (app: HttpApp) =>
      registerInventoryRoutes(app, { eventStore, handlers, view, metadata, clock, ruleSets, sourceOrder }),
    start: async () => {
      projections = inventoryProjections.map((projection) =>
        startProjection(eventStore, projection, {
          inline: true,
          onError: (error) => onError(error, `projection ${projection.name}`),
        }),
      );
      await Promise.all(projections.map((p) => p.activated()));
      await publishDefaultRuleSet();
      await view.start();
      stopSweep = startExpirySweep({
        eventStore,
        stock: handlers.stock,
        metadata,
        intervalMs: expirySweepIntervalMs,
        onError: (error) => onError(error, 'reservation expiry'),
      });
    },
    close: async () => {
      await stopSweep();
      await view.close();
      await Promise.all(projections.map((p) => p.stop()));
    },
  };
};

export type InventoryModule = ReturnType<typeof createInventoryModule>;
