import { Type, type Static } from '@sinclair/typebox';

const ServiceLevelSchema = Type.Union([
  Type.Literal('standard'),
  Type.Literal('express'),
  Type.Literal('next_day'),
]);

const SandboxConfig = Type.Object(
  {
    /** Where tracking webhooks are POSTed; without it the sandbox only answers `track` polls. */
    webhookUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
    webhookSecret: Type.String({ minLength: 16, default: 'omnistream-sandbox-webhook-secret' }),
    /** Milliseconds between a label and the first tracking webhook, and between later ones. */
    trackingStepMs: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 1_000 }),
    /** Currency of the sandbox's rates (ISO 4217). */
    currency: Type.String({ pattern: '^[A-Z]{3}$', default: 'GBP' }),
  },
  { additionalProperties: false },
);

const UpsConfig = Type.Object(
  {
    /** https://wwwcie.ups.com for UPS's test environment, https://onlinetools.ups.com in production. */
    baseUrl: Type.String({ pattern: '^https?://', default: 'https://wwwcie.ups.com' }),
    clientId: Type.String({ minLength: 1 }),
    clientSecret: Type.String({ minLength: 1 }),
    /** The 6-character UPS shipper account number. */
    accountNumber: Type.String({ minLength: 6, maxLength: 6 }),
    /** The credential given to Track Alert at subscription; every tracking webhook must carry it. */
    webhookCredential: Type.String({ minLength: 16 }),
    /** Our webhook route as UPS reaches it, given to Track Alert when a label is bought; absent: no subscription. */
    webhookUrl: Type.Optional(Type.String({ pattern: '^https://' })),
    transactionSource: Type.String({ minLength: 1, maxLength: 512, default: 'omnistream' }),
    shipperName: Type.String({ minLength: 1, maxLength: 35, default: 'Omnistream shipper' }),
    /** UPS service code per service level (Shipping API Service.Code: 11 UPS Standard, 07 Express, ...). */
    services: Type.Object(
      {
        standard: Type.String({ default: '11' }),
        express: Type.String({ default: '07' }),
        next_day: Type.String({ default: '01' }),
      },
      { additionalProperties: false, default: {} },
    ),
    /** Shipping and Rating API version path segment. */
    apiVersion: Type.String({ pattern: '^v[0-9]+$', default: 'v2409' }),
    requestTimeoutMs: Type.Integer({ minimum: 100, default: 15_000 }),
  },
  { additionalProperties: false },
);

const CarrierRoute = Type.Object(
  {
    /** Market the route applies to (GB); absent: every market. */
    market: Type.Optional(Type.String({ minLength: 1 })),
    serviceLevel: Type.Optional(ServiceLevelSchema),
    carrier: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

/**
 * Which carrier ships what. `routes` are tried in order, the first whose market and service level match wins, and
 * `defaultCarrier` takes the rest. The default config ships everything with the sandbox carrier.
 */
export const ShipmentsConfig = Type.Object(
  {
    defaultCarrier: Type.String({ minLength: 1, default: 'sandbox' }),
    routes: Type.Array(CarrierRoute, { default: [] }),
    carriers: Type.Object(
      {
        sandbox: Type.Optional(SandboxConfig),
        ups: Type.Optional(UpsConfig),
      },
      { additionalProperties: false, default: { sandbox: {} } },
    ),
  },
  { additionalProperties: false },
);

export type ShipmentsConfig = Static<typeof ShipmentsConfig>;
export type SandboxCarrierConfig = Static<typeof SandboxConfig>;
export type UpsCarrierConfig = Static<typeof UpsConfig>;
export { SandboxConfig as SandboxCarrierConfigSchema, UpsConfig as UpsCarrierConfigSchema };
