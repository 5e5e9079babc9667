/**
 * The REST Proxy's error codes (CONTRACTS.md "Confluent REST Proxy produce API"): a five-digit code whose first
 * three digits are the HTTP status, answered as `{error_code, message}`.
 */
export const PROXY_ERRORS = {
  unauthenticated: 40101,
  forbidden: 40301,
  topicNotFound: 40401,
  partitionNotFound: 40402,
  keySchemaMissing: 42201,
  valueSchemaMissing: 42202,
  conversionFailed: 42203,
  payloadError: 42206,
  serializationError: 42207,
  batchError: 42208,
  throttled: 42901,
  brokerError: 50002,
  retriableBrokerError: 50003,
} as const;

/** An error the proxy answers in Confluent's shape; the HTTP status is the code's first three digits. */
export class ProxyError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
    /** Seconds, for 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ProxyError';
  }

  get status(): number {
    return this.errorCode >= 1000 ? Math.floor(this.errorCode / 100) : this.errorCode;
  }

  toJSON(): { error_code: number; message: string } {
    return { error_code: this.errorCode, message: this.message };
  }
}

export const isProxyError = (error: unknown): error is ProxyError => error instanceof ProxyError;
