export type {
  Bus,
  ConsumeOptions,
  DeliveryReport,
  IncomingMessage,
  MessageHeaders,
  OutgoingMessage,
  PartitionLag,
  RunningConsumer,
  TopicSpec,
} from './bus.js';
export type { EncodedEvent, PublicEventCodec, PublicEventRoute } from './public-event-codec.js';
// The bus conformance suite (it imports vitest) is at '@omnistream/messaging/conformance'.
// Kafka types only: the adapter itself is imported from '@omnistream/messaging/kafka', so the embedded shape never
// loads the Kafka client.
export type {
  KafkaBusOptions,
  KafkaConsumerErrorContext,
  KafkaSasl,
  KafkaSaslMechanism,
  KafkaTls,
  KafkaEnvSettings,
} from './kafka/index.js';
export { messagingMigrations } from './messaging-schema.js';
export { EVENT_HEADERS, EVENT_CONTENT_TYPE, eventHeaders } from './event-headers.js';
export { canPublishInTransaction, type TransactionalPublisher } from './transactional-publisher.js';
export {
  createInProcessBus,
  type InProcessBus,
  type InProcessBusOptions,
} from './in-process/create-in-process-bus.js';
export { partitionForKey, UnknownPartitionError } from './in-process/partition-for-key.js';
export {
  startOutboxRelay,
  relayDeadLetterGroup,
  type OutboxRelay,
  type OutboxRelayOptions,
} from './outbox/start-outbox-relay.js';
export { parseTopicsConfig, type TopicsConfigDefaults } from './outbox/parse-topics-config.js';
export { provisionTopics } from './outbox/provision-topics.js';
export { startConsumer, type Consumer, type ConsumerOptions } from './consumer/start-consumer.js';
export type { MessageHandler, MessagePreparer } from './consumer/deliver-message.js';
export { messageId } from './consumer/message-id.js';
export { defaultConsumerRetry, retryDelay, type RetryPolicy } from './consumer/retry-delay.js';
export { startDeadLetterWorker, type DeadLetterWorkerOptions } from './consumer/start-dead-letter-worker.js';
export {
  DEAD_LETTER_STATUSES,
  type DeadLetter,
  type DeadLetterAuditEntry,
  type DeadLetterStatus,
} from './dead-letters/dead-letter.js';
export {
  listDeadLetters,
  getDeadLetter,
  showDeadLetter,
  type DeadLetterFilter,
  type DeadLetterPage,
  type DeadLetterDetails,
} from './dead-letters/dead-letter-queries.js';
export {
  redriveDeadLetter,
  discardDeadLetter,
  type DeadLetterAction,
} from './dead-letters/dead-letter-actions.js';
export { deadLetterRoutes, ACTOR_HEADER, type DeadLetterRoutesOptions } from './http/dead-letter-routes.js';
export { deadLettersCli, type DeadLettersCliDeps } from './cli/dead-letters-cli.js';
export { DEAD_LETTERS_USAGE } from './cli/parse-dead-letters-args.js';
export { combineCodecs } from './combine-codecs.js';
export { namespacedBus } from './namespaced-bus.js';
export type { ConsumerOutcome, ConsumerOutcomeObserver } from './consumer/consumer-outcome.js';
