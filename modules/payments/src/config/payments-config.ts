import { Type, type Static } from '@sinclair/typebox';

const ProviderName = Type.Union([Type.Literal('sandbox'), Type.Literal('adyen')]);
export type ProviderName = Static<typeof ProviderName>;

const HexKey = Type.String({ pattern: '^([0-9A-Fa-f]{2}){16,}$', description: 'hex, at least 16 bytes' });

export const SandboxConfigSchema = Type.Object(
  {
    secret: Type.String({ minLength: 16, description: 'signs sandbox webhooks (HMAC-SHA256)' }),
    webhookDelayMs: Type.Integer({ minimum: 0, maximum: 600_000 }),
    /** Where webhooks go; absent: posted in-process to this module's own webhook route. */
    webhookUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  },
  { additionalProperties: false },
);

export const AdyenConfigSchema = Type.Object(
  {
    /** Checkout API base including the version, e.g. https://checkout-test.adyen.com/v71. */
    baseUrl: Type.String({ pattern: '^https?://' }),
    apiKey: Type.String({ minLength: 1 }),
    merchantAccount: Type.String({ minLength: 1 }),
    /** The webhook's HMAC key from the Customer Area, hex. */
    hmacKey: HexKey,
    /** Shopper's return URL, required by /payments even for card payments that never redirect. */
    returnUrl: Type.String({ pattern: '^https?://' }),
  },
  { additionalProperties: false },
);

const Route = Type.Object(
  {
    /** ISO 3166-1 alpha-2; absent matches every market. */
    market: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    /** Payment method type; absent matches every method. */
    method: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_-]{0,31}$' })),
    provider: ProviderName,
  },
  { additionalProperties: false },
);

export const PaymentsConfigSchema = Type.Object(
  {
    /** Tried in order; the first route whose market and method match chooses the provider. */
    routes: Type.Array(Route, { maxItems: 1000 }),
    defaultProvider: ProviderName,
    /** A provider call that takes longer is abandoned (PROVIDER_UNAVAILABLE) and retried with the same key. */
    providerTimeoutMs: Type.Integer({ minimum: 100, maximum: 120_000 }),
    providers: Type.Object(
      { sandbox: Type.Optional(SandboxConfigSchema), adyen: Type.Optional(AdyenConfigSchema) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type SandboxConfig = Static<typeof SandboxConfigSchema>;
export type AdyenConfig = Static<typeof AdyenConfigSchema>;
export type PaymentRoute = Static<typeof Route>;
export type PaymentsConfig = Static<typeof PaymentsConfigSchema>;

/**
 * The sandbox's default secret. Not a secret: the sandbox moves no money; a real provider's keys come from the
 * deployment's configuration.
 */
export const SANDBOX_DEFAULT_SECRET = 'omnistream-sandbox-webhook-secret';

/** Everything through the sandbox, its webhooks 200 ms after each operation, provider calls cut at 10 s. */
export const defaultPaymentsConfig: PaymentsConfig = Object.freeze({
  routes: [],
  defaultProvider: 'sandbox',
  providerTimeoutMs: 10_000,
  providers: { sandbox: { secret: SANDBOX_DEFAULT_SECRET, webhookDelayMs: 200 } },
});
