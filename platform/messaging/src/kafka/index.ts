export { createKafkaBus } from './kafka-bus.js';
export type {
  KafkaBusOptions,
  KafkaConsumerErrorContext,
  KafkaSasl,
  KafkaSaslMechanism,
  KafkaTls,
} from './kafka-bus-options.js';
export { kafkaBusOptionsFromEnv, type KafkaEnvSettings } from './kafka-bus-options-from-env.js';
