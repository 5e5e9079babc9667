import { fileURLToPath } from 'node:url';
import {
  createEventStore,
  openPostgresDatabase,
  platformMigrations,
  runMigrations,
} from '@omnistream/event-store';
import { messagingMigrations, type KafkaBusOptions } from '@omnistream/messaging';
import { createKafkaBus } from '@omnistream/messaging/kafka';
import { openContracts, schemaRegistrySchema } from '@omnistream/schema-registry';
import { createScratchDatabase } from '@omnistream/testing';
import { deleteTopics } from '../delete-topics.js';
import type { Benchmark } from '../benchmark.js';
import type { BenchResult } from '../bench-report.js';
import { describeEnvironment } from '../describe-environment.js';
import type { BusBenchContext } from './bus-bench-context.js';
import { latencyCase } from './latency-case.js';
import { relayThroughputCase } from './relay-throughput-case.js';

const CONTRACTS = fileURLToPath(new URL('./contracts', import.meta.url));
const PARTITIONS = 6;
const RATES = [1_000, 5_000] as const;

/** The outbox relay and the consumer runtime on PostgreSQL and Kafka, against the bare Kafka client (DESIGN.md). */
export const busBenchmark: Benchmark = {
  description: 'outbox relay to Kafka vs raw produce; append-to-handler latency at 1,000 and 5,000 events/s',
  run: async (options, log) => {
    const kafka: KafkaBusOptions = { brokers: options.kafkaBrokers, clientId: 'omnistream-bench' };
    const scratch = await createScratchDatabase(options.postgresUrl, 'omnistream_bench_bus');
    const db = await openPostgresDatabase({ url: scratch.url, maxConnections: options.pool ?? 10 });
    const bus = createKafkaBus(kafka);
    const results: BenchResult[] = [];
    let version = 'unknown';
    let topics: string[] = [];
    try {
      await runMigrations(db, [...platformMigrations, schemaRegistrySchema, ...messagingMigrations]);
      version = (await db.query<{ version: string }>('select version() as version'))[0]?.version ?? version;
      const contracts = await openContracts(db, CONTRACTS);
      const topic = contracts.registered[0]?.topic ?? 'bench.order';
      const context: BusBenchContext = {
        db,
        postgresUrl: scratch.url,
        store: createEventStore(db, { validate: contracts.validate }),
        bus,
        codec: contracts.codec,
        kafka,
        topic,
        ceilingTopic: `${topic}-raw`,
        partitions: PARTITIONS,
        quick: options.quick,
      };
      topics = [topic, context.ceilingTopic];
      await bus.provision(topics.map((name) => ({ name, partitions: PARTITIONS, replicationFactor: 1 })));
      const record = (result: BenchResult) => {
        results.push(result);
        log(
          `  ${result.case}: ${result.value.toFixed(1)} vs ceiling ${result.ceiling.toFixed(1)} ${result.unit}, ratio ${result.ratio.toFixed(2)}`,
        );
      };
      log(`postgres+kafka: ${version}; brokers ${kafka.brokers.join(',')}`);
      record(await relayThroughputCase(context));
      for (const rate of RATES)
        for (const mode of ['runtime', 'batch'] as const)
          for (const result of await latencyCase(context, rate, mode)) record(result);
      await context.store.close();
    } finally {
      await bus.close();
      await db.close();
      await scratch.drop();
      // A run writes some 200 MB to each topic; left on a local broker, runs accumulate gigabytes and later runs
      // measure a different broker. The next run provisions them afresh.
      const left = await deleteTopics(kafka.brokers, topics);
      if (left.length > 0) log(`could not delete topic ${left.join(', ')} from the broker`);
    }
    return {
      name: 'bus',
      environment: describeEnvironment({ quick: options.quick, postgres: version, pglite: null }),
      settings: {
        brokers: kafka.brokers,
        partitions: PARTITIONS,
        rates: RATES,
        storePool: options.pool ?? 10,
      },
      results,
    };
  },
};
