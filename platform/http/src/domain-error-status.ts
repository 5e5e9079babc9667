/**
 * The one place that maps DomainError codes to HTTP statuses (STYLE.md 11). Exact codes first, then families by
 * name, then 422: a rule the request broke, well-formed as it was.
 */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  NOT_FOUND: 404,
  STREAM_VERSION_CONFLICT: 409,
  EVENT_ID_CONFLICT: 409,
  IDEMPOTENCY_KEY_IN_PROGRESS: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  EMPTY_APPEND: 400,
  EVENT_TOO_LARGE: 400,
  APPEND_TOO_LARGE: 400,
  EVENT_NOT_SERIALIZABLE: 400,
  // No or wrong credentials (an API key and secret), and a caller over its rate limit.
  UNAUTHENTICATED: 401,
  THROTTLED: 429,
  // A token whose data subject was erased (crypto-shredded): what it stood for is gone for good.
  SUBJECT_ERASED: 410,
  // Webhooks from payment providers and carriers whose signature or credential does not verify.
  WEBHOOK_SIGNATURE_INVALID: 401,
  // An external provider (payment, carrier) that failed or could not be reached: the request may be retried.
  PROVIDER_UNAVAILABLE: 503,
  PROVIDER_ERROR: 502,
  // Broken invariants of our own code, not of the request: the caller cannot fix them.
  APPEND_NOT_FIRST_WRITE: 500,
  TOKEN_VAULT_KEY_MISMATCH: 500,
  TOKEN_SPACE_EXHAUSTED: 500,
  STREAM_ORDER_VIOLATION: 500,
};

const STATUS_BY_FAMILY: readonly (readonly [RegExp, number])[] = [
  [/^INVALID_/, 400],
  [/_NOT_FOUND$/, 404],
  [/_FORBIDDEN$/, 403],
  [/_CONFLICT$/, 409],
];

export const domainErrorStatus = (code: string): number =>
  STATUS_BY_CODE[code] ?? STATUS_BY_FAMILY.find(([pattern]) => pattern.test(code))?.[1] ?? 422;
