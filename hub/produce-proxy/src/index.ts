export { apiKeysSchema, apiKeyRateLimitsSchema } from './api-keys/api-keys-schema.js';
export { createApiKey, type NewApiKey, type IssuedApiKey } from './api-keys/create-api-key.js';
export {
  createApiKeyAuthenticator,
  type ApiKeyAuthenticator,
  type ApiKeyPrincipal,
} from './api-keys/authenticate-api-key.js';
export { revokeApiKey, listApiKeys } from './api-keys/revoke-api-key.js';
export { matchesAny, assertTopicPattern } from './api-keys/topic-pattern.js';
export { apiKeysCli, API_KEYS_USAGE, type ApiKeysCliDeps } from './api-keys/api-keys-cli.js';
export { topicsSchema } from './topics/topics-schema.js';
export {
  createTopicRegistry,
  type TopicRegistry,
  type TopicRegistryDependencies,
} from './topics/topic-registry.js';
export { topicRoutes, type TopicRoutesOptions } from './topics/topic-routes.js';
export { TopicSpecBody, TopicView } from './topics/topic-spec.js';
export { createTopicCatalog, type TopicCatalog } from './produce/topic-catalog.js';
export {
  createProducer,
  PROXY_HOP_HEADERS,
  DATA_SUBJECT_HEADER,
  RECORD_IDEMPOTENCY_HEADER,
  type Producer,
  type ProduceDependencies,
  type ProduceRequest,
} from './produce/produce-records.js';
export { createRateLimiter, type RateLimiter } from './produce/rate-limiter.js';
export { produceRoutes, type ProduceRoutesOptions } from './produce/produce-routes.js';
export { PROXY_ERRORS, ProxyError } from './produce/proxy-error.js';
export type { RecordToProduce, RecordOutcome } from './produce/produce-types.js';
export { topicsCli, type TopicsCliDeps } from './topics/topics-cli.js';
export { parseTopicsArgs, TOPICS_USAGE, type TopicsCommand } from './topics/parse-topics-args.js';
