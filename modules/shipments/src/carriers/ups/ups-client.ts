import { randomUUID } from 'node:crypto';
import type { Clock } from '@omnistream/kernel';
import type { UpsCarrierConfig } from '../../config/shipments-config.js';
import { carrierError, carrierRejected, carrierUnavailable } from '../carrier-errors.js';

interface UpsErrorBody {
  readonly response?: { readonly errors?: readonly { readonly code?: string; readonly message?: string }[] };
}

const describeErrors = (body: unknown): string =>
  ((body as UpsErrorBody | null)?.response?.errors ?? [])
    .map((e) => `${e.code ?? ''} ${e.message ?? ''}`.trim())
    .join('; ') || 'no error detail';

/**
 * HTTP to UPS: an OAuth 2 client-credentials token (OAuthClientCredentials.yaml: POST /security/v1/oauth/token,
 * HTTP Basic with the client id and secret, form body grant_type=client_credentials, x-merchant-id the account),
 * kept until a minute before `expires_in`, then every call with `Authorization: Bearer`, `transId` (32 characters,
 * ours when the call must be recognisable on retry) and `transactionSrc`.
 */
export const createUpsClient = (config: UpsCarrierConfig, clock: Clock, send: typeof fetch) => {
  let token: { value: string; until: number } | undefined;

  const call = async (url: string, init: RequestInit): Promise<Response> => {
    try {
      return await send(url, { ...init, signal: AbortSignal.timeout(config.requestTimeoutMs) });
    } catch (error) {
      throw carrierUnavailable('ups', error instanceof Error ? error.message : String(error));
    }
  };

  const accessToken = async (): Promise<string> => {
    if (token !== undefined && token.until > clock.now().getTime()) return token.value;
    const response = await call(`${config.baseUrl}/security/v1/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        'x-merchant-id': config.accountNumber,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    });
    const body = (await response.json().catch(() => null)) as {
      access_token?: string;
      expires_in?: string;
    } | null;
    if (response.status === 429 || response.status >= 500)
      throw carrierUnavailable('ups', `token endpoint answered ${response.status}`);
    if (!response.ok || typeof body?.access_token !== 'string')
      throw carrierError('ups', `token refused (${response.status}): ${describeErrors(body)}`);
    const seconds = Number(body.expires_in ?? '0');
    token = { value: body.access_token, until: clock.now().getTime() + Math.max(0, seconds - 60) * 1000 };
    return token.value;
  };

  /** One API call; a 401 (token expired early) is retried once with a fresh token. */
  const request = async <T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    { body, transId }: { body?: unknown; transId?: string } = {},
  ): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      const response = await call(`${config.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await accessToken()}`,
          transId: transId ?? randomUUID().replace(/-/g, ''),
          transactionSrc: config.transactionSource,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const parsed: unknown = await response.json().catch(() => null);
      if (response.ok) return parsed as T;
      if (response.status === 401 && attempt === 1) {
        token = undefined;
        continue;
      }
      if (response.status === 429 || response.status >= 500)
        throw carrierUnavailable('ups', `${method} ${path} answered ${response.status}`);
      if (response.status === 400 || response.status === 404 || response.status === 422)
        throw carrierRejected('ups', describeErrors(parsed));
      throw carrierError('ups', `${method} ${path} answered ${response.status}: ${describeErrors(parsed)}`);
    }
  };

  return { request };
};

export type UpsClient = ReturnType<typeof createUpsClient>;
