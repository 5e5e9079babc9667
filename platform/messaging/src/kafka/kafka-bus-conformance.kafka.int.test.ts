import { describe } from 'vitest';
import { platformMigrations } from '@omnistream/event-store';
import { testDatabases } from '@omnistream/testing';
import { describeBusConformance } from '../conformance/bus-conformance.js';
import { messagingMigrations } from '../messaging-schema.js';
import { createKafkaBus } from './kafka-bus.js';

const brokers = (process.env.OMNISTREAM_TEST_KAFKA_BROKERS ?? '').split(',');

// The distributed shape is PostgreSQL beside Kafka, but the consumer runtime must not care which database holds
// its inbox and dead letters, so the suite runs on PGlite too.
describe.each(testDatabases())('the Kafka bus with its inbox on $name', (target) => {
  describeBusConformance(`kafka on ${target.name}`, async () => {
    const opened = await target.open({ migrations: [...platformMigrations, ...messagingMigrations] });
    const bus = createKafkaBus({ brokers, clientId: `conformance-${target.name}`, retryDelayMs: 200 });
    return {
      bus,
      db: opened.db,
      close: async () => {
        await bus.close();
        await opened.close();
      },
    };
  });
});
