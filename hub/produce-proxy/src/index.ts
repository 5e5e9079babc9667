export { apiKeysSchema } from './api-keys/api-keys-schema.js';
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
