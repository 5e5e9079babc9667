/** Command-line options every benchmark understands. */
export interface BenchOptions {
  /** About 3 s per case instead of about 10 s. */
  readonly quick: boolean;
  /** Admin URL of a PostgreSQL server; a scratch database is created on it and dropped afterwards. */
  readonly postgresUrl: string;
  /** Which adapters to run: `postgres`, `pglite` (in memory), `pglite-file` (a temporary data folder). */
  readonly adapters: readonly string[];
  /** Pool size of the subject's PostgreSQL connection pool. */
  readonly pool?: number;
  readonly maxConcurrentBatches?: number;
  readonly maxAppendsPerBatch?: number;
  /** Kafka bootstrap brokers for the bus benchmark. */
  readonly kafkaBrokers: readonly string[];
}

const ADAPTERS = ['postgres', 'pglite', 'pglite-file'];

const positiveInteger = (flag: string, value: string | undefined): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1)
    throw new Error(`${flag} needs a whole number >= 1, got ${String(value)}`);
  return parsed;
};

/** Parses `--quick --adapters postgres,pglite --pool 10 --max-concurrent-batches 4 --max-appends-per-batch 64`. */
export const parseBenchOptions = (
  args: readonly string[],
  postgresUrl: string,
  kafkaBrokers = '127.0.0.1:9092',
): BenchOptions => {
  let options: BenchOptions = {
    quick: false,
    postgresUrl,
    adapters: ['postgres', 'pglite', 'pglite-file'],
    kafkaBrokers: kafkaBrokers.split(','),
  };
  for (let index = 0; index < args.length; index += 1) {
    const flag = args[index] as string;
    const value = (): string | undefined => args[++index];
    switch (flag) {
      case '--quick':
        options = { ...options, quick: true };
        break;
      case '--adapters': {
        const adapters = (value() ?? '').split(',').filter((name) => name !== '');
        const unknown = adapters.filter((name) => !ADAPTERS.includes(name));
        if (adapters.length === 0 || unknown.length > 0)
          throw new Error(`--adapters takes a list of ${ADAPTERS.join(', ')}`);
        options = { ...options, adapters };
        break;
      }
      case '--brokers':
        options = { ...options, kafkaBrokers: (value() ?? '').split(',').filter((broker) => broker !== '') };
        if (options.kafkaBrokers.length === 0) throw new Error('--brokers takes host:port[,host:port...]');
        break;
      case '--pool':
        options = { ...options, pool: positiveInteger(flag, value()) };
        break;
      case '--max-concurrent-batches':
        options = { ...options, maxConcurrentBatches: positiveInteger(flag, value()) };
        break;
      case '--max-appends-per-batch':
        options = { ...options, maxAppendsPerBatch: positiveInteger(flag, value()) };
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return options;
};
