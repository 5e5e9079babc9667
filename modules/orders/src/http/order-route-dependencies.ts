import type { Clock } from '@omnistream/kernel';
import type { Sql } from '@omnistream/event-store';
import type { OrderCommand } from '../domain/order/order-commands.js';
import type { OrderQueries } from '../read-models/order-queries.js';

/** A command without its metadata: the route stamps time and correlation. */
export type OrderCommandInput = {
  [C in OrderCommand as C['type']]: Omit<C, 'metadata'>;
}[OrderCommand['type']];

export interface OrderRouteDependencies {
  readonly database: Sql;
  readonly clock: Clock;
  readonly queries: OrderQueries;
  /** Applies a command to its order; `expectedVersion` from If-Match. */
  readonly send: (
    command: OrderCommandInput,
    correlationId: string,
    expectedVersion?: number,
  ) => Promise<unknown>;
}
