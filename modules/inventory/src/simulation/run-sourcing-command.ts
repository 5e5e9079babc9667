import { isDomainError } from '@omnistream/kernel';
import { parseRuleSet } from '../domain/sourcing/parse-rule-set.js';
import type { RuleSet } from '../domain/sourcing/rule-set.js';
import { formatSimulationReport } from './format-simulation-report.js';
import { generateNetwork } from './generate-network.js';
import { generateOrders } from './generate-orders.js';
import { parseDataSet } from './parse-data-set.js';
import { parseOrdersJsonl } from './parse-orders-jsonl.js';
import { parseSourcingArgs } from './parse-sourcing-args.js';
import { runSimulations } from './run-simulations.js';
import { SOURCING_USAGE } from './sourcing-usage.js';
import { writeDataSet } from './write-data-set.js';

export interface SourcingCommandIo {
  readFile(path: string): Promise<string>;
  /** Writes a whole file; the directory exists (generate says so in its help). */
  writeFile(path: string, text: string): Promise<void>;
  out(line: string): void;
}

/** Input the user can fix: reported in one line, exit code 2, never a stack trace. */
class InputError extends Error {}

/**
 * `omnistream sourcing simulate|generate ...` (see SOURCING_USAGE). Returns the exit code: 0 done, 2 bad arguments
 * or input files. The app's CLI supplies the file system and the output.
 */
export const runSourcingCommand = async (args: readonly string[], io: SourcingCommandIo): Promise<number> => {
  const line = parseSourcingArgs(args);
  try {
    switch (line.kind) {
      case 'help':
        io.out(SOURCING_USAGE);
        return 0;
      case 'usage_error':
        throw new InputError(`${line.message}\nRun "omnistream sourcing --help" for usage.`);
      case 'generate': {
        const dataSet = generateNetwork(line.generate);
        const orders = generateOrders(dataSet, line.orders === undefined ? {} : { orders: line.orders });
        const paths = await writeDataSet(wrapWrite(io), line.out, dataSet, orders);
        io.out(`wrote ${paths.network} (${dataSet.locations.length} locations, ${dataSet.skus.length} SKUs)`);
        io.out(`wrote ${paths.orders} (${orders.length} orders)`);
        return 0;
      }
      case 'simulate': {
        const ruleSets: [RuleSet, ...RuleSet[]] = [await readRuleSet(io, line.rules)];
        if (line.compare !== undefined) ruleSets.push(await readRuleSet(io, line.compare));
        const orders = parsed(line.orders, parseOrdersJsonl, await read(io, line.orders));
        const dataSet =
          line.network === undefined
            ? generateNetwork(line.generate)
            : parsed(line.network, parseDataSet, json(line.network, await read(io, line.network)));
        const report = runSimulations(dataSet, orders, ruleSets);
        io.out(line.json ? JSON.stringify(report, null, 2) : formatSimulationReport(report));
        return 0;
      }
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.out(`error: ${error.message}`);
    return 2;
  }
};

const read = async (io: SourcingCommandIo, path: string): Promise<string> => {
  try {
    return await io.readFile(path);
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

const wrapWrite = (io: SourcingCommandIo) => async (path: string, text: string) => {
  try {
    await io.writeFile(path, text);
  } catch (error) {
    throw new InputError(`cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

const json = (path: string, text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/** Runs a parser, turning its DomainError (a problem in the file) into an InputError naming the file. */
const parsed = <T, I>(path: string, parse: (input: I) => T, input: I): T => {
  try {
    return parse(input);
  } catch (error) {
    if (isDomainError(error)) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
};

const readRuleSet = async (io: SourcingCommandIo, path: string): Promise<RuleSet> =>
  parsed(path, parseRuleSet, json(path, await read(io, path)));
