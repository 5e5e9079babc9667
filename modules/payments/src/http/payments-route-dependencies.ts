import type { Clock } from '@omnistream/kernel';
import type { Database, EventStore } from '@omnistream/event-store';
import type { PaymentOperations } from '../operations/payment-operations.js';

export interface PaymentsRouteDependencies {
  readonly operations: PaymentOperations;
  readonly eventStore: EventStore;
  /** Where the read models are read. */
  readonly database: Database;
  readonly clock: Clock;
}
