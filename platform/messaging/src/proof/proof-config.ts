/**
 * What the test hands each proof process (as JSON in argv): where its database is, which bus to use and what to
 * append. Parsed once into a frozen object; unknown keys fail (STYLE.md 10), so a typo in a test cannot silently
 * fall back to a default and prove something else.
 */
export type ProofBusConfig =
  | { readonly kind: 'in-process' }
  | { readonly kind: 'kafka'; readonly brokers: readonly string[]; readonly clientId: string };

export interface ProofConfig {
  /** The producer's event store (and, on the in-process bus, the bus log too). */
  readonly storeUrl: string;
  /** The consumer's inbox, dead letters and effects. Must equal storeUrl on the in-process bus. */
  readonly effectsUrl: string;
  readonly bus: ProofBusConfig;
  /** Folder of public contracts (`<context>/<category>/<EventType>.v<N>.schema.json`); names the topic. */
  readonly contractsDir: string;
  readonly group: string;
  readonly partitions: number;
  /** Deposits appended in all, round-robin over `accounts` streams. */
  readonly events: number;
  readonly accounts: number;
  /** Pause between two appends, in milliseconds. */
  readonly paceMs: number;
}

const KEYS = [
  'storeUrl',
  'effectsUrl',
  'bus',
  'contractsDir',
  'group',
  'partitions',
  'events',
  'accounts',
  'paceMs',
] as const;

const fail = (problem: string): never => {
  throw new Error(`proof config: ${problem}`);
};

const text = (record: Record<string, unknown>, key: string): string => {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : fail(`${key} must be a non-empty string`);
};

const count = (record: Record<string, unknown>, key: string, min: number): number => {
  const value = record[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= min
    ? value
    : fail(`${key} must be a whole number >= ${min}`);
};

const objectOf = (value: unknown, what: string): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : fail(`${what} must be an object`);

const parseBus = (value: unknown): ProofBusConfig => {
  const bus = objectOf(value, 'bus');
  if (bus.kind === 'in-process') return Object.freeze({ kind: 'in-process' });
  if (bus.kind !== 'kafka') return fail('bus.kind must be "in-process" or "kafka"');
  const brokers = bus.brokers;
  if (!Array.isArray(brokers) || brokers.length === 0 || !brokers.every((b) => typeof b === 'string'))
    return fail('bus.brokers must be a non-empty list of host:port');
  return Object.freeze({
    kind: 'kafka',
    brokers: Object.freeze([...brokers]),
    clientId: text(bus, 'clientId'),
  });
};

export const parseProofConfig = (json: string | undefined): ProofConfig => {
  const record = objectOf(JSON.parse(json ?? 'null'), 'the config');
  const unknown = Object.keys(record).filter((key) => !(KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) fail(`unknown keys ${unknown.join(', ')}`);
  const config: ProofConfig = {
    storeUrl: text(record, 'storeUrl'),
    effectsUrl: text(record, 'effectsUrl'),
    bus: parseBus(record.bus),
    contractsDir: text(record, 'contractsDir'),
    group: text(record, 'group'),
    partitions: count(record, 'partitions', 1),
    events: count(record, 'events', 1),
    accounts: count(record, 'accounts', 1),
    paceMs: count(record, 'paceMs', 0),
  };
  // The in-process bus is a log in one database: two databases would mean two buses that never meet.
  if (config.bus.kind === 'in-process' && config.storeUrl !== config.effectsUrl)
    fail('on the in-process bus storeUrl and effectsUrl must name the same database');
  return Object.freeze(config);
};
