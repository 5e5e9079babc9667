import { PROXY_ERRORS, ProxyError } from './proxy-error.js';

/** Checks shared by the v2 and v3 body parsers. */
export const payloadError = (message: string) => new ProxyError(PROXY_ERRORS.payloadError, message);

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Standard base64 with padding, as the REST Proxy takes binary data; 42206 naming `what` otherwise. */
export const base64 = (value: unknown, what: string, context = ''): Buffer => {
  if (typeof value !== 'string' || value.length % 4 !== 0 || !BASE64.test(value))
    throw payloadError(`${what} must be base64${context}`);
  return Buffer.from(value, 'base64');
};
