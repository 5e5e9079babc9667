/**
 * Proof child, the producing side: appends `events` Deposited events round-robin to `accounts` streams
 * (`account-<k>`, each with its expected version, so each stream's order matters), at one every `paceMs`, and runs
 * the outbox relay to the bus. Exits 0 once every deposit is appended and the relay has published all of them;
 * killed before that, a restart resumes where the streams stand. Progress on stdout, one line each:
 * `ready`, `appended <n>`, `caught-up`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createEventStore,
  openPostgresDatabase,
  platformMigrations,
  runMigrations,
} from '@omnistream/event-store';
import { openContracts, schemaRegistrySchema } from '@omnistream/schema-registry';
import { messagingMigrations } from '../messaging-schema.js';
import { provisionTopics } from '../outbox/provision-topics.js';
import { startOutboxRelay } from '../outbox/start-outbox-relay.js';
import { openProofBus } from './open-proof-bus.js';
import { parseProofConfig } from './proof-config.js';
import { proofLogger } from './proof-logger.js';

const say = (line: string) => process.stdout.write(`${line}\n`);
const config = parseProofConfig(process.argv[2]);
const logger = proofLogger('proof-producer');

const db = await openPostgresDatabase({ url: config.storeUrl, maxConnections: 5 });
await runMigrations(db, [...platformMigrations, ...messagingMigrations, schemaRegistrySchema]);
const contracts = await openContracts(db, config.contractsDir);
const { registered } = contracts;
const store = createEventStore(db, { validate: contracts.validate });
const bus = await openProofBus(config.bus, db, (err, context) =>
  logger.warn({ err, ...context }, 'kafka consumer error'),
);
const topics = [...new Set(registered.map((contract) => contract.topic))];
await provisionTopics(
  bus,
  topics.map((name) => ({ name, partitions: config.partitions, replicationFactor: 1 })),
);
const relay = startOutboxRelay({
  store,
  bus,
  codec: contracts.codec,
  name: 'ledger-proof',
  batchSize: 50,
  pollIntervalMs: 100,
  logger,
});
say('ready');

const accounts = Array.from({ length: config.accounts }, (_, k) => `account-${k}`);
// Round-robin appends of one event each: the streams' versions add up to the number of deposits made so far.
let next = 0;
for (const account of accounts) next += await store.streamVersion(account);

for (let n = next; n < config.events; n += 1) {
  const sequence = Math.floor(n / config.accounts) + 1;
  // Amounts vary so that a lost or doubled deposit cannot hide behind equal sums.
  const amount = 1 + ((n * 7919) % 97);
  await store.append(`account-${n % config.accounts}`, [{ type: 'Deposited', data: { amount, sequence } }], {
    expectedVersion: sequence - 1,
  });
  if ((n + 1) % 25 === 0 || n + 1 === config.events) say(`appended ${n + 1}`);
  if (config.paceMs > 0) await sleep(config.paceMs);
}

await relay.subscription.caughtUp();
say('caught-up');
await relay.stop();
await bus.close();
await store.close();
await db.close();
process.exit(0);
