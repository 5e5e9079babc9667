import type { ResponseCheck } from './response-check.js';

/**
 * One kind of request the load generator repeats. `{n}` in the body and in header values is replaced by a number
 * unique within the run, so every request can carry its own ids and idempotency key.
 */
export interface LoadRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly check: ResponseCheck;
  /** Records one successful request carries. */
  readonly records: number;
}

/** The request with `{n}` filled in, as the load generator sends it. */
export const fillIn = (template: string, n: number): string => template.replaceAll('{n}', String(n));
