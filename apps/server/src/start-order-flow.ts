import type { Database, EventStore } from '@omnistream/event-store';
import type { Bus, Consumer, ConsumerOutcomeObserver } from '@omnistream/messaging';
import type { Logger } from '@omnistream/observability';
import {
  partitionSaga,
  startSagaCommandConsumer,
  startSagaSubscription,
  startSagaTimers,
  type AnySaga,
  type SagaCommandExecutor,
} from '@omnistream/sagas';

/** The contexts sagas send commands to, each with its executor. */
export type SagaTargets = Readonly<Record<string, SagaCommandExecutor>>;

export interface StartedOrderFlow {
  close(): Promise<void>;
}

/**
 * The saga side of the server: the saga subscription (sagas decide on the feed's events, their commands leave
 * through the outbox onto `<target>.commands`), the durable timers, and one command consumer per context that
 * applies its commands and records the replies the sagas read back.
 */
export const startOrderFlow = async (deps: {
  readonly store: EventStore;
  readonly database: Database;
  readonly bus: Bus;
  readonly sagas: readonly AnySaga[];
  readonly targets: SagaTargets;
  readonly logger: Logger;
  /** Subscriptions sharing the saga instances by a hash of their id; 1 on PGlite (one connection anyway). */
  readonly partitions: number;
  /** Told what became of each command the consumers applied (e.g. the event history's hop recorder). */
  readonly onOutcome?: ConsumerOutcomeObserver;
}): Promise<StartedOrderFlow> => {
  const consumers: Consumer[] = [];
  try {
    for (const [target, execute] of Object.entries(deps.targets))
      consumers.push(
        await startSagaCommandConsumer({
          bus: deps.bus,
          db: deps.database,
          store: deps.store,
          target,
          execute,
          consumer: {
            logger: deps.logger,
            keyConcurrency: 4,
            ...(deps.onOutcome === undefined ? {} : { onOutcome: deps.onOutcome }),
          },
        }),
      );
  } catch (error) {
    for (const consumer of consumers) await consumer.stop();
    throw error;
  }
  // One subscription (checkpoint, advisory lock) per partition: instances of different partitions are decided in
  // parallel transactions; each instance's inputs still come in feed order through its one subscription.
  // A process without the order module runs no saga: its commands consumers are all it needs.
  const partitions = deps.sagas.length === 0 ? 0 : deps.partitions;
  const subscriptions = Array.from({ length: partitions }, (_, partition) =>
    startSagaSubscription(
      deps.store,
      deps.partitions === 1
        ? deps.sagas
        : deps.sagas.map((saga) => partitionSaga(saga, partition, deps.partitions)),
      {
        name: deps.partitions === 1 ? 'sagas' : `sagas-${partition}-of-${deps.partitions}`,
        onError: (error: unknown) =>
          deps.logger.error({ err: error, partition }, 'saga input failed; retrying'),
      },
    ),
  );
  const timers =
    deps.sagas.length === 0
      ? undefined
      : startSagaTimers({
          store: deps.store,
          sagas: deps.sagas,
          onError: (error) => deps.logger.error({ err: error }, 'saga timer failed; retrying'),
        });
  return {
    close: async () => {
      await timers?.stop();
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      for (const consumer of consumers) await consumer.stop();
    },
  };
};
