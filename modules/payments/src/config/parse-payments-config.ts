import { Value } from '@sinclair/typebox/value';
import { DomainError } from '@omnistream/kernel';
import { defaultPaymentsConfig, PaymentsConfigSchema, type PaymentsConfig } from './payments-config.js';

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses the payments configuration once, at boot (STYLE.md 10): missing top-level fields take the defaults (the
 * sandbox for everything), unknown keys and bad values fail with their path, and every provider a route names must
 * be configured. Returns a frozen object.
 */
export const parsePaymentsConfig = (input: unknown = {}): PaymentsConfig => {
  if (!isObject(input)) throw new DomainError('INVALID_PAYMENTS_CONFIG', 'payments config must be an object');
  const merged = {
    ...defaultPaymentsConfig,
    ...input,
    providers: { ...defaultPaymentsConfig.providers, ...(isObject(input.providers) ? input.providers : {}) },
  };
  const [error] = Value.Errors(PaymentsConfigSchema, merged);
  if (error !== undefined) {
    const extra = isObject(error.value) ? '' : ` (got ${JSON.stringify(error.value)})`;
    throw new DomainError(
      'INVALID_PAYMENTS_CONFIG',
      `payments config ${error.path || '/'}: ${error.message}${extra}`,
      {
        path: error.path,
      },
    );
  }
  const config: PaymentsConfig = structuredClone<PaymentsConfig>(merged);
  const named = new Set([config.defaultProvider, ...config.routes.map((route) => route.provider)]);
  for (const provider of named)
    if (config.providers[provider] === undefined)
      throw new DomainError(
        'INVALID_PAYMENTS_CONFIG',
        `payments config routes to ${provider}, but providers.${provider} is not configured`,
      );
  return deepFreeze(config);
};
