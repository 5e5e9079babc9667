import { join } from 'node:path';
import type { SourcingRequest } from '../domain/sourcing/sourcing-request.js';
import { serializeDataSet } from './serialize-data-set.js';
import type { SourcingDataSet } from './sourcing-data-set.js';

export type WriteFile = (path: string, text: string) => Promise<void>;

/** Writes `<dir>/network.json` and `<dir>/orders.jsonl` (one request per line); returns their paths. */
export const writeDataSet = async (
  writeFile: WriteFile,
  dir: string,
  dataSet: SourcingDataSet,
  orders: readonly SourcingRequest[],
): Promise<{ readonly network: string; readonly orders: string }> => {
  const paths = { network: join(dir, 'network.json'), orders: join(dir, 'orders.jsonl') };
  await writeFile(paths.network, serializeDataSet(dataSet));
  await writeFile(paths.orders, orders.map((order) => `${JSON.stringify(order)}\n`).join(''));
  return paths;
};
