import { randomBytes } from 'node:crypto';
import { testDatabaseConfigs } from '@omnistream/testing';
import { describeProduceProxy } from './hub-produce-proxy.suite.js';

const brokers = (process.env.OMNISTREAM_TEST_KAFKA_BROKERS ?? '').split(',');

// The database adapters are covered by the in-process run; on Kafka one database is enough (PostgreSQL when set).
const databases = testDatabaseConfigs();
const postgres = databases.filter((database) => database.name === 'postgres');

// The broker is shared and keeps what earlier runs published: each run gets a namespace of its own.
describeProduceProxy(
  'Kafka',
  () => ({ kind: 'kafka', brokers, namespace: `proxy-${randomBytes(4).toString('hex')}` }),
  postgres.length > 0 ? postgres : databases,
);
