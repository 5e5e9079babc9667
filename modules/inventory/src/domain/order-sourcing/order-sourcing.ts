import { DomainError, type Command, type DecidedEvent, type Decider } from '@omnistream/kernel';
import type { OrderSourcingDecided } from '@omnistream/contracts/inventory';
import type { SourcingDecision } from '../sourcing/sourcing-decision.js';

/** Order lines each location picks for one decision, by location id. */
export type LocationLines = Readonly<Record<string, number>>;

/** The sourcing decisions made for one order (stream `sourcing-<orderId>`), the latest one in force. */
export interface OrderSourcing {
  readonly decisions: number;
  /** The UTC day (YYYY-MM-DD) of the latest decision and the lines it gave each location that day. */
  readonly day: string | null;
  readonly lines: LocationLines;
}

export type OrderSourcingCommand = Command<'RecordSourcingDecision', { readonly decision: SourcingDecision }>;

/** Public: the order saga learns from it where each line comes from (contracts/inventory, topic inventory.sourcing). */
export type OrderSourcingEvent = DecidedEvent<'OrderSourcingDecided', OrderSourcingDecided>;

/** Lines per location of a decision: a line split over two locations is work at both. */
export const linesByLocation = (decision: SourcingDecision): LocationLines => {
  const lines: Record<string, number> = {};
  for (const allocation of decision.allocations)
    lines[allocation.locationId] = (lines[allocation.locationId] ?? 0) + 1;
  return lines;
};

const loadChange = (before: LocationLines, after: LocationLines): LocationLines => {
  const change: Record<string, number> = {};
  for (const [id, lines] of Object.entries(after)) change[id] = lines;
  for (const [id, lines] of Object.entries(before)) change[id] = (change[id] ?? 0) - lines;
  return Object.fromEntries(Object.entries(change).filter(([, lines]) => lines !== 0));
};

/** Records each decision sourcing makes for an order, with the rule-set version that made it. */
export const orderSourcing: Decider<OrderSourcing, OrderSourcingCommand, OrderSourcingEvent> = {
  initialState: () => ({ decisions: 0, day: null, lines: {} }),
  decide: (command, state) => {
    const { decision } = command.data;
    const at = command.metadata.now;
    if (decision.orderId.length === 0)
      throw new DomainError('INVALID_SOURCING_REQUEST', 'a decision names the order it was made for');
    const day = at.slice(0, 10);
    const lines = linesByLocation(decision);
    return [
      {
        type: 'OrderSourcingDecided',
        data: {
          orderId: decision.orderId,
          sequence: state.decisions + 1,
          decision,
          load: { day, change: loadChange(state.day === day ? state.lines : {}, lines) },
          at,
        },
      },
    ];
  },
  evolve: (state, event) => ({
    decisions: event.data.sequence,
    day: event.data.load.day,
    lines: linesByLocation(event.data.decision),
  }),
};
