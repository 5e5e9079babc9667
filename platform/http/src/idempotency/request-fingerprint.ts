import { createHash } from 'node:crypto';

/**
 * What makes two requests "the same" for an idempotency key: method, URL (with query) and body. The body is the
 * parsed one re-serialised, so whitespace does not matter but key order does, as it would for any JSON client
 * that retries by resending the same bytes.
 */
export const requestFingerprint = (method: string, url: string, body: unknown): string =>
  createHash('sha256')
    .update(`${method.toUpperCase()}\n${url}\n${body === undefined ? '' : JSON.stringify(body)}`)
    .digest('base64url');
