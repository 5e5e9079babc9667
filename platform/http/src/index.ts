export { createHttpApp, type HttpApp, type HttpAppOptions } from './create-http-app.js';
export type { OpenApiInfo } from './register-open-api.js';
export { ProblemDetails, PROBLEM_CONTENT_TYPE } from './problem-details.js';
export { problem, toProblem } from './to-problem.js';
export { sendProblem } from './send-problem.js';
export { domainErrorStatus } from './domain-error-status.js';
export { httpMigrations } from './idempotency/http-migrations.js';
export {
  createIdempotencyStore,
  type IdempotencyStore,
  type IdempotencyStoreOptions,
  type IdempotencyClaim,
  type IdempotencyKeyRef,
  type StoredResponse,
} from './idempotency/idempotency-store.js';
export { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from './idempotency/register-idempotency.js';
export { requestFingerprint } from './idempotency/request-fingerprint.js';
export { registerRequestMetrics } from './register-request-metrics.js';
export { ifMatchVersion } from './if-match-version.js';
