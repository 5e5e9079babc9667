import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { ServerConfig } from './server-config.js';

/** The configuration cannot be used; the message says what to change. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const dotted = (path: string) => path.slice(1).replace(/\//g, '.');

const describe = (error: ValueError): string =>
  error.type === ValueErrorType.ObjectAdditionalProperties
    ? `unknown config key "${dotted(error.path)}"`
    : `${dotted(error.path) || '(root)'}: ${error.message.toLowerCase()}${error.value === undefined ? '' : `, got ${JSON.stringify(error.value)}`}`;

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};

/** The database is a union chosen by `kind`: its defaults and errors come from that variant alone. */
const variantOf = (database: unknown) =>
  ServerConfig.properties.database.anyOf.find(
    (candidate) => candidate.properties.kind.const === (database as { kind?: unknown } | undefined)?.kind,
  );

export const DEFAULT_DATABASE = { kind: 'pglite', dataDir: './data' } as const;
export const DEFAULT_BUS = { kind: 'in-process' } as const;

const busVariantOf = (bus: unknown) =>
  ServerConfig.properties.bus.anyOf.find(
    (candidate) => candidate.properties.kind.const === (bus as { kind?: unknown } | undefined)?.kind,
  );

const withBusDefaults = (input: unknown): unknown => {
  if (input === null || typeof input !== 'object') return input;
  if (!('bus' in input) || input.bus === undefined) return { ...input, bus: { ...DEFAULT_BUS } };
  const variant = busVariantOf(input.bus);
  return variant === undefined ? input : { ...input, bus: Value.Default(variant, input.bus) };
};

const withDatabaseDefaults = (input: unknown): unknown => {
  if (input === null || typeof input !== 'object') return withBusDefaults(input);
  if (!('database' in input) || input.database === undefined)
    return withBusDefaults({ ...input, database: { ...DEFAULT_DATABASE } });
  const variant = variantOf(input.database);
  return withBusDefaults(
    variant === undefined ? input : { ...input, database: Value.Default(variant, input.database) },
  );
};

const variantErrors = (database: unknown): ValueError[] => {
  const variant = variantOf(database);
  if (variant === undefined) return [];
  return [...Value.Errors(variant, database)].map((error) => ({ ...error, path: `/database${error.path}` }));
};

const busVariantErrors = (bus: unknown): ValueError[] => {
  const variant = busVariantOf(bus);
  if (variant === undefined)
    return [
      {
        path: '/bus/kind',
        message: 'Expected "in-process" or "kafka"',
        type: ValueErrorType.Union,
      } as ValueError,
    ];
  return [...Value.Errors(variant, bus)].map((error) => ({ ...error, path: `/bus${error.path}` }));
};

/** Applies defaults, checks against the schema, and freezes (STYLE.md 10). Throws ConfigError listing every problem. */
export const parseConfig = (input: unknown): ServerConfig => {
  const withDefaults = Value.Default(ServerConfig, withDatabaseDefaults(structuredClone(input ?? {})));
  if (Value.Check(ServerConfig, withDefaults)) return deepFreeze(withDefaults);
  const errors = [...Value.Errors(ServerConfig, withDefaults)].flatMap((error) =>
    error.path === '/database' && error.type === ValueErrorType.Union
      ? variantErrors((withDefaults as { database?: unknown }).database)
      : error.path === '/bus' && error.type === ValueErrorType.Union
        ? busVariantErrors((withDefaults as { bus?: unknown }).bus)
        : [error],
  );
  const messages = [...new Set(errors.map(describe))];
  if (messages.length === 0) messages.push('database.kind: expected "pglite" or "postgres"');
  throw new ConfigError(`invalid configuration:\n  ${messages.join('\n  ')}`);
};
