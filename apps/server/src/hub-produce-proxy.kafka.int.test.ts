import { randomBytes } from 'node:crypto';
import { describeProduceProxy } from './hub-produce-proxy.suite.js';

const brokers = (process.env.OMNISTREAM_TEST_KAFKA_BROKERS ?? '').split(',');

// The broker is shared and keeps what earlier runs published: each run gets a namespace of its own.
describeProduceProxy('Kafka', () => ({
  kind: 'kafka',
  brokers,
  namespace: `proxy-${randomBytes(4).toString('hex')}`,
}));
