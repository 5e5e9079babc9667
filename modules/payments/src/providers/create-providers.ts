import type { Clock } from '@omnistream/kernel';
import type { PaymentsConfig } from '../config/payments-config.js';
import type { PaymentProvider } from './payment-provider.js';
import { createAdyenProvider } from './adyen/adyen-provider.js';
import { createSandboxProvider, type WebhookDelivery } from './sandbox/sandbox-provider.js';

export interface ProviderDependencies {
  readonly config: PaymentsConfig;
  readonly clock: Clock;
  readonly fetch: typeof globalThis.fetch;
  /** Posts to this module's own webhook route in-process; used by the sandbox when it has no webhookUrl. */
  readonly deliverInProcess: (provider: string) => WebhookDelivery;
  readonly onError: (error: unknown, where: string) => void;
}

/** A webhook delivered over real HTTP, as a provider does; anything but a 2xx is a failed delivery (retried). */
export const deliverOverHttp =
  (fetch: typeof globalThis.fetch, url: string): WebhookDelivery =>
  async (rawBody, headers) => {
    const response = await fetch(url, {
      method: 'POST',
      body: rawBody,
      headers,
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`webhook to ${url} answered ${response.status}`);
  };

/** One adapter per configured provider, by name. */
export const createProviders = ({
  config,
  clock,
  fetch,
  deliverInProcess,
  onError,
}: ProviderDependencies) => {
  const providers = new Map<string, PaymentProvider>();
  const sandbox = config.providers.sandbox;
  if (sandbox !== undefined)
    providers.set(
      'sandbox',
      createSandboxProvider({
        secret: sandbox.secret,
        webhookDelayMs: sandbox.webhookDelayMs,
        clock,
        deliver:
          sandbox.webhookUrl === undefined
            ? deliverInProcess('sandbox')
            : deliverOverHttp(fetch, sandbox.webhookUrl),
        onDeliveryError: (error) => onError(error, 'sandbox webhook delivery'),
      }),
    );
  const adyen = config.providers.adyen;
  if (adyen !== undefined)
    providers.set(
      'adyen',
      createAdyenProvider({ config: adyen, fetch, timeoutMs: config.providerTimeoutMs }),
    );
  return providers;
};
