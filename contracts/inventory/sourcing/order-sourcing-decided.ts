import type { SourcingDecision } from './sourcing-decision.js';

/**
 * Data of OrderSourcingDecided (stream `sourcing-<orderId>`, Kafka topic `inventory.sourcing`), matching
 * OrderSourcingDecided.v1.schema.json. Wire format: change only together with a compatible schema edit.
 */
export interface OrderSourcingDecided {
  readonly orderId: string;
  /** 1 for the order's first decision; a later one (sourced again) replaces it. */
  readonly sequence: number;
  readonly decision: SourcingDecision;
  /** What the decision changes in each location's order lines of that UTC day (YYYY-MM-DD). */
  readonly load: { readonly day: string; readonly change: Readonly<Record<string, number>> };
  readonly at: string;
}
