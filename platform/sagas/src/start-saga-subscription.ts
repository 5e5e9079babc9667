import {
  subscribe,
  type EventStore,
  type Subscription,
  type SubscriptionSettings,
} from '@omnistream/event-store';
import type { Clock } from '@omnistream/kernel';
import { createSagaRunner } from './create-saga-runner.js';
import type { AnySaga } from './saga-definition.js';

export type SagaSubscriptionOptions = Omit<SubscriptionSettings, 'filter' | 'name'> & {
  /** The subscription's checkpoint name; defaults to `sagas`. */
  readonly name?: string;
  readonly clock?: Clock;
};

/**
 * The embedded shape: sagas fed by a durable feed subscription. Saga effects and the checkpoint commit in one
 * transaction, and the saga streams' inbox makes a replayed batch harmless even if the checkpoint were lost.
 */
export const startSagaSubscription = (
  store: EventStore,
  sagas: readonly AnySaga[],
  { name = 'sagas', clock, ...options }: SagaSubscriptionOptions = {},
): Subscription => {
  const runner = createSagaRunner(store, sagas, clock === undefined ? {} : { clock });
  return subscribe(store, {
    ...options,
    name,
    filter: (event) => sagas.some((saga) => saga.correlate(event) !== undefined),
    handle: (events, tx) => runner.handleBatch(events, tx),
  });
};
