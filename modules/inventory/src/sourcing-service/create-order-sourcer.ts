import { DomainError, type Clock, type CommandMetadata } from '@omnistream/kernel';
import type { EventStore } from '@omnistream/event-store';
import { readModel } from '@omnistream/projections';
import { planSourcing } from '../domain/sourcing/plan-sourcing.js';
import type { SourcingDecision } from '../domain/sourcing/sourcing-decision.js';
import type { SourcingRequest } from '../domain/sourcing/sourcing-request.js';
import type { AvailabilityView } from '../availability/availability-view.js';
import type { InventoryHandlers } from '../inventory-handlers.js';
import { STOCK_PROJECTION } from '../read-models/stock-projection.js';
import { createLiveSourcingNetwork, type HeldForOrder } from './live-sourcing-network.js';
import type { RuleSetCatalogue } from './rule-set-catalogue.js';

export const DEFAULT_RULE_SET_ID = 'default';

export interface SourceOrderInput {
  readonly request: SourcingRequest;
  /** The sales channel the order was placed on: its market, location types and exclusions bound the candidates. */
  readonly channelId: string;
  readonly ruleSetId?: string;
  /** A pinned version (to replay a decision); the latest when absent. */
  readonly ruleSetVersion?: number;
  /** Locations that must not be used, e.g. a store that rejected the order when it is sourced again. */
  readonly excludeLocations?: readonly string[];
  /** Open reservations held for this order: their units count as available to it. */
  readonly reservationIds?: readonly string[];
  /** false: decide and answer, record nothing and add no load (a what-if on live data). */
  readonly record?: boolean;
}

export interface SourcedOrder {
  readonly decision: SourcingDecision;
  /** The decision's sequence on the order (1 for the first); null when it was not recorded. */
  readonly sequence: number | null;
}

/**
 * Sourcing on live data: the candidates and stock come from the availability view, today's load from the
 * decisions already recorded, the rule set from the catalogue; the decision is recorded on `sourcing-<orderId>`
 * with the rule set's id and version, and its lines count towards each location's load from then on.
 */
export const createOrderSourcer = (deps: {
  readonly eventStore: EventStore;
  readonly view: AvailabilityView;
  readonly handlers: InventoryHandlers;
  readonly ruleSets: RuleSetCatalogue;
  readonly clock: Clock;
  readonly metadata: (correlationId?: string) => CommandMetadata;
}) => {
  const { eventStore, view, handlers, ruleSets, clock } = deps;
  const network = createLiveSourcingNetwork(view);

  const heldFor = async (reservationIds: readonly string[]): Promise<HeldForOrder> => {
    const rows = await readModel(eventStore.database, STOCK_PROJECTION, ({ t }) =>
      eventStore.database.query<{ sku: string; allocations: { locationId: string; quantity: number }[] }>(
        `select sku, allocations from ${t('reservations')} where reservation_id = any($1) and status = 'open'`,
        [[...reservationIds]],
      ),
    );
    const held = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const bySku = held.get(row.sku) ?? new Map<string, number>();
      for (const a of row.allocations) bySku.set(a.locationId, (bySku.get(a.locationId) ?? 0) + a.quantity);
      held.set(row.sku, bySku);
    }
    // Their units are in the view's reserved counts only once the view has read them: wait for it, or the
    // order's own units would be given back twice.
    await view.caughtUp();
    return held;
  };

  return async (input: SourceOrderInput, correlationId?: string): Promise<SourcedOrder> => {
    const channel = view.channel(input.channelId);
    if (channel === undefined)
      throw new DomainError('CHANNEL_NOT_FOUND', `no sales channel ${input.channelId}`, {
        channelId: input.channelId,
      });
    const ruleSetId = input.ruleSetId ?? DEFAULT_RULE_SET_ID;
    const { ruleSet } =
      input.ruleSetVersion === undefined
        ? await ruleSets.latest(ruleSetId)
        : await ruleSets.version(ruleSetId, input.ruleSetVersion);
    const held =
      input.reservationIds === undefined || input.reservationIds.length === 0
        ? undefined
        : await heldFor(input.reservationIds);
    const day = clock.now().toISOString().slice(0, 10);
    const decision = planSourcing(
      input.request,
      network(channel, {
        day,
        ...(input.excludeLocations === undefined ? {} : { excludeLocations: input.excludeLocations }),
        ...(held === undefined ? {} : { held }),
      }),
      ruleSet,
    );
    if (input.record === false) return { decision, sequence: null };
    const result = await handlers.sourcing(`sourcing-${input.request.orderId}`, {
      type: 'RecordSourcingDecision',
      data: { decision },
      metadata: deps.metadata(correlationId),
    });
    return { decision, sequence: result.nextExpectedVersion };
  };
};

export type OrderSourcer = ReturnType<typeof createOrderSourcer>;
