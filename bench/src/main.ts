import { parseBenchOptions } from './bench-options.js';
import { benchmarks } from './benchmarks.js';
import { formatTable } from './format-table.js';
import { writeReport } from './write-report.js';

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const [name, ...args] = process.argv.slice(2);
const benchmark = name === undefined ? undefined : benchmarks.get(name);
if (benchmark === undefined) {
  const names = [...benchmarks].map(([known, b]) => `  ${known.padEnd(14)} ${b.description}`).join('\n');
  console.error(
    `${name === undefined ? 'no benchmark named' : `unknown benchmark "${name}"`}; usage: npm run bench -- <name> [--quick]\n${names}`,
  );
  process.exit(2);
}

let options;
try {
  options = parseBenchOptions(
    args,
    process.env.OMNISTREAM_BENCH_POSTGRES_URL || DEFAULT_POSTGRES_URL,
    process.env.OMNISTREAM_BENCH_KAFKA_BROKERS || undefined,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const report = await benchmark.run(options, (line) => console.log(line));
const file = await writeReport(report);
console.log(`\n${formatTable(report.results)}\n\nwrote ${file}`);
