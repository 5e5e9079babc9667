import { randomBytes, randomUUID } from 'node:crypto';
import { openPostgresDatabase } from '@omnistream/event-store';
import { createKafkaBus } from '@omnistream/messaging/kafka';
import { ENVIRONMENT_VARIABLES } from '@omnistream/server';
import { createScratchDatabase } from '@omnistream/testing';
import type { Benchmark } from '../benchmark.js';
import type { BenchResult } from '../bench-report.js';
import { describeEnvironment } from '../describe-environment.js';
import { BATCH_SIZE, batchedCase } from './batched-case.js';
import { deleteTopics } from '../delete-topics.js';
import type { IngestContext } from './ingest-context.js';
import { setUpIngest, findClusterId } from './set-up-ingest.js';
import { singleRecordCase } from './single-record-case.js';
import { startServerProcess } from './start-server-process.js';
import { countRecords, sampleEmailState } from './verify-on-kafka.js';

const CONCURRENCY = 32;
const PARTITIONS = 6;
/** The server reads its tokenization master key (64 hex characters) from here; the vault has no other source. */
const MASTER_KEY_VARIABLE = 'OMNISTREAM_TOKENIZATION_MASTER_KEY';

/**
 * The integration hub's Confluent-compatible REST proxy, served by `omnistream start` in a process of its own on
 * PostgreSQL and Kafka: single-record v3 produce against a bare HTTP server, v2 batches of 100 against the Kafka
 * client's raw produce, and the records checked on the broker afterwards.
 */
export const ingestBenchmark: Benchmark = {
  description: 'REST proxy: v3 single-record produce vs bare HTTP; v2 batches of 100 vs raw Kafka produce',
  run: async (options, log) => {
    const durationMs = options.quick ? 3_000 : 10_000;
    const warmupMs = options.quick ? 1_000 : 2_000;
    const brokers = options.kafkaBrokers;
    const topic = `bench.ingest.orders-${randomUUID().slice(0, 8)}`;
    const rawTopic = `${topic}-raw`;
    const tokenization = MASTER_KEY_VARIABLE in ENVIRONMENT_VARIABLES;
    if (!tokenization)
      log(`the server does not read ${MASTER_KEY_VARIABLE} yet: started without a master key`);
    const scratch = await createScratchDatabase(options.postgresUrl, 'omnistream_bench_ingest');
    const results: BenchResult[] = [];
    let version = 'unknown';
    try {
      log(`starting omnistream on PostgreSQL and Kafka (${brokers.join(',')})`);
      const server = await startServerProcess({
        OMNISTREAM_DATABASE_URL: scratch.url,
        OMNISTREAM_KAFKA_BROKERS: brokers.join(','),
        ...(tokenization ? { [MASTER_KEY_VARIABLE]: randomBytes(32).toString('hex') } : {}),
      });
      const db = await openPostgresDatabase({ url: scratch.url, maxConnections: 2 });
      try {
        version = (await db.query<{ version: string }>('select version() as version'))[0]?.version ?? version;
        log(
          `setting up over HTTP: schema ${topic}-value, topic ${topic} (${PARTITIONS} partitions), API key`,
        );
        const target = await setUpIngest(server.url, db, topic, PARTITIONS);
        const bus = createKafkaBus({ brokers, clientId: 'omnistream-bench-ingest' });
        await bus.provision([{ name: rawTopic, partitions: PARTITIONS, replicationFactor: 1 }]);
        await bus.close();
        const context: IngestContext = {
          target,
          brokers,
          concurrency: CONCURRENCY,
          durationMs,
          warmupMs,
          log,
        };

        log('single-record produce (v3)');
        const single = await singleRecordCase(context, await findClusterId(target));
        results.push(single.result);
        log(`batched produce (v2, ${BATCH_SIZE} records)`);
        const batched = await batchedCase(context, rawTopic);
        results.push(...batched.result);

        const acknowledged = single.acknowledged + batched.acknowledged;
        log('verifying on Kafka: records held vs acknowledged, and a sample email');
        const held = await countRecords(brokers, topic);
        const email = acknowledged === 0 ? 'nothing was produced' : await sampleEmailState(brokers, topic);
        results.push({
          case: 'end to end: records on Kafka vs acknowledged',
          adapter: 'postgres+kafka',
          value: held,
          unit: 'records',
          ceiling: acknowledged,
          ratio: acknowledged === 0 ? 0 : Number((held / acknowledged).toFixed(4)),
          notes: `sum of high watermarks over ${PARTITIONS} partitions of ${topic}; ${held >= acknowledged ? 'holds every acknowledged record' : 'FEWER than acknowledged'}; sample record's email: ${email}`,
        });
      } finally {
        await db.close();
        await server.stop();
      }
    } finally {
      await scratch.drop();
      const left = await deleteTopics(brokers, [topic, rawTopic]);
      if (left.length > 0) log(`could not delete topic ${left.join(', ')} from the broker`);
    }
    return {
      name: 'ingest',
      environment: describeEnvironment({ quick: options.quick, postgres: version, pglite: null }),
      settings: {
        durationMs,
        warmupMs,
        concurrency: CONCURRENCY,
        batchSize: BATCH_SIZE,
        partitions: PARTITIONS,
        brokers,
        topic,
        tokenizationMasterKey: tokenization,
      },
      results,
    };
  },
};
