import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { DomainError } from '@omnistream/kernel';
import { ShipmentsConfig } from './shipments-config.js';

const dotted = (path: string) => path.slice(1).replace(/\//g, '.');

const describe = (error: ValueError): string =>
  error.type === ValueErrorType.ObjectAdditionalProperties
    ? `unknown config key "${dotted(error.path)}"`
    : `${dotted(error.path) || '(root)'}: ${error.message.toLowerCase()}`;

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};

/**
 * Applies defaults, checks the shipments config against its schema and that every carrier it routes to is
 * configured, and freezes it (STYLE.md 10). Throws INVALID_SHIPMENTS_CONFIG listing every problem; values are
 * never echoed, since some are secrets.
 */
export const parseShipmentsConfig = (input: unknown = {}): ShipmentsConfig => {
  const withDefaults = Value.Default(ShipmentsConfig, structuredClone(input ?? {}));
  if (!Value.Check(ShipmentsConfig, withDefaults)) {
    const problems = [...Value.Errors(ShipmentsConfig, withDefaults)].map(describe);
    throw new DomainError(
      'INVALID_SHIPMENTS_CONFIG',
      `shipments config: ${[...new Set(problems)].join('; ')}`,
    );
  }
  const configured = new Set(Object.keys(withDefaults.carriers));
  const routed = [withDefaults.defaultCarrier, ...withDefaults.routes.map((route) => route.carrier)];
  const missing = [...new Set(routed.filter((carrier) => !configured.has(carrier)))];
  if (missing.length > 0)
    throw new DomainError(
      'INVALID_SHIPMENTS_CONFIG',
      `shipments config: carriers ${missing.join(', ')} are routed to but not configured under carriers`,
    );
  return deepFreeze(withDefaults);
};
