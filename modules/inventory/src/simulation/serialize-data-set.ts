import type { SourcingDataSet } from './sourcing-data-set.js';

/** The network.json format tag; parseDataSet refuses any other. Never change what a tag means: add a new one. */
export const DATA_SET_FORMAT = 'omnistream-sourcing-network/1';

/** network.json: locations, catalogue (best-selling first) and stock by SKU then location id. */
export const serializeDataSet = (dataSet: SourcingDataSet): string => {
  const stock: Record<string, Record<string, number>> = {};
  for (const [sku, holders] of dataSet.stock) if (holders.size > 0) stock[sku] = Object.fromEntries(holders);
  return `${JSON.stringify({
    format: DATA_SET_FORMAT,
    seed: dataSet.seed,
    skus: dataSet.skus,
    locations: dataSet.locations,
    stock,
  })}\n`;
};
