import { parseArgs } from 'node:util';

export type SourcingCommandLine =
  | { readonly kind: 'help' }
  | { readonly kind: 'usage_error'; readonly message: string }
  | {
      readonly kind: 'simulate';
      readonly rules: string;
      readonly compare: string | undefined;
      readonly orders: string;
      readonly network: string | undefined;
      readonly generate: GenerateSizes;
      readonly json: boolean;
    }
  | {
      readonly kind: 'generate';
      readonly out: string;
      readonly generate: GenerateSizes;
      readonly orders: number | undefined;
    };

export interface GenerateSizes {
  readonly seed?: number;
  readonly stores?: number;
  readonly skus?: number;
}

const SIZE_OPTIONS = {
  seed: { type: 'string' },
  stores: { type: 'string' },
  skus: { type: 'string' },
} as const;

/** `sourcing simulate|generate [options]`, `sourcing --help`. Pure: runSourcingCommand acts on it. */
export const parseSourcingArgs = (args: readonly string[]): SourcingCommandLine => {
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h')
    return { kind: 'help' };
  if (command !== 'simulate' && command !== 'generate')
    return {
      kind: 'usage_error',
      message: `unknown sourcing command "${command}"; expected simulate or generate`,
    };
  try {
    if (command === 'simulate') {
      const { values } = parseArgs({
        args: rest,
        strict: true,
        options: {
          rules: { type: 'string' },
          compare: { type: 'string' },
          orders: { type: 'string' },
          network: { type: 'string' },
          json: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
          ...SIZE_OPTIONS,
        },
      });
      if (values.help === true) return { kind: 'help' };
      if (values.rules === undefined)
        return { kind: 'usage_error', message: 'simulate needs --rules <file>' };
      if (values.orders === undefined)
        return { kind: 'usage_error', message: 'simulate needs --orders <file>' };
      if (values.network !== undefined && (values.seed ?? values.stores ?? values.skus) !== undefined)
        return {
          kind: 'usage_error',
          message: '--seed, --stores and --skus shape a generated network; drop them or --network',
        };
      return {
        kind: 'simulate',
        rules: values.rules,
        compare: values.compare,
        orders: values.orders,
        network: values.network,
        generate: sizes(values),
        json: values.json === true,
      };
    }
    const { values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        out: { type: 'string' },
        orders: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...SIZE_OPTIONS,
      },
    });
    if (values.help === true) return { kind: 'help' };
    if (values.out === undefined) return { kind: 'usage_error', message: 'generate needs --out <dir>' };
    return {
      kind: 'generate',
      out: values.out,
      generate: sizes(values),
      orders: whole('orders', values.orders, 1),
    };
  } catch (error) {
    return { kind: 'usage_error', message: error instanceof Error ? error.message : String(error) };
  }
};

const sizes = (values: { seed?: string; stores?: string; skus?: string }): GenerateSizes => {
  const seed = whole('seed', values.seed, 0);
  const stores = whole('stores', values.stores, 0);
  const skus = whole('skus', values.skus, 1);
  return {
    ...(seed === undefined ? {} : { seed }),
    ...(stores === undefined ? {} : { stores }),
    ...(skus === undefined ? {} : { skus }),
  };
};

/** A whole number option, at least `min`; throws a TypeError that parseSourcingArgs turns into a usage error. */
const whole = (name: string, value: string | undefined, min: number): number | undefined => {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < min)
    throw new TypeError(`--${name} must be a whole number, ${min} or more, got "${value}"`);
  return number;
};
