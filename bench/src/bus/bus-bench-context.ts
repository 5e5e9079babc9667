import type { Database, EventStore } from '@omnistream/event-store';
import type { Bus, KafkaBusOptions, PublicEventCodec } from '@omnistream/messaging';

/** What every bus case runs against: a PostgreSQL store, the Kafka bus and the public event codec. */
export interface BusBenchContext {
  readonly db: Database;
  /** The scratch database, for the consumer process. */
  readonly postgresUrl: string;
  readonly store: EventStore;
  readonly bus: Bus;
  readonly codec: PublicEventCodec;
  readonly kafka: KafkaBusOptions;
  /** The topic the store's bench events are routed to, and a second one for the bare client's ceiling. */
  readonly topic: string;
  readonly ceilingTopic: string;
  readonly partitions: number;
  readonly quick: boolean;
}
