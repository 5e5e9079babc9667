/**
 * Proof child, the consuming side: the consumer runtime (inbox, retries, dead letters) with the applyDeposit
 * handler, on its own database. Runs until SIGTERM, then prints the group's remaining lag, stops cleanly and exits
 * 0; SIGKILL is the crash under test. Stdout lines: `consuming`, and on SIGTERM `lag <n>` then `stopped`.
 */
import { openPostgresDatabase, platformMigrations, runMigrations } from '@omnistream/event-store';
import { loadContracts } from '@omnistream/schema-registry';
import { startConsumer } from '../consumer/start-consumer.js';
import { messagingMigrations } from '../messaging-schema.js';
import { provisionTopics } from '../outbox/provision-topics.js';
import { applyDeposit } from './apply-deposit.js';
import { ledgerEffectsSchema } from './ledger-effects-schema.js';
import { openProofBus } from './open-proof-bus.js';
import { parseProofConfig } from './proof-config.js';
import { proofLogger } from './proof-logger.js';
import { recordDeliveries } from './record-deliveries.js';

const say = (line: string) => process.stdout.write(`${line}\n`);
const config = parseProofConfig(process.argv[2]);
const logger = proofLogger('proof-consumer');

const db = await openPostgresDatabase({ url: config.effectsUrl, maxConnections: 5 });
await runMigrations(db, [...platformMigrations, ...messagingMigrations, ledgerEffectsSchema]);
const topics = [...new Set((await loadContracts(config.contractsDir)).map((contract) => contract.topic))];
const bus = recordDeliveries(
  await openProofBus(config.bus, db, (err, context) =>
    logger.warn({ err, ...context }, 'kafka consumer error'),
  ),
  db,
);
// Also here, not only in the producer: a topic first created by a subscription would get the default partitions.
await provisionTopics(
  bus,
  topics.map((name) => ({ name, partitions: config.partitions, replicationFactor: 1 })),
);
const consumer = await startConsumer({
  bus,
  db,
  group: config.group,
  topics,
  handle: applyDeposit(db),
  // Short waits: an out-of-order delivery should reach its dead letter within the proof's time, not hide in backoff.
  retry: { attempts: 5, initialDelayMs: 100, maxDelayMs: 2_000 },
  deadLetterPollIntervalMs: 250,
  logger,
});
say('consuming');

process.once('SIGTERM', () => {
  void (async () => {
    const lag = (await consumer.lag()).reduce((sum, partition) => sum + partition.lag, 0);
    say(`lag ${lag}`);
    await consumer.stop();
    await bus.close();
    await db.close();
    say('stopped');
    process.exit(0);
  })();
});
