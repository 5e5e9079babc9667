import { describe, expect, it } from 'vitest';
import { generateNetwork } from './generate-network.js';
import { generateOrders } from './generate-orders.js';
import { parseDataSet } from './parse-data-set.js';
import { serializeDataSet } from './serialize-data-set.js';

describe('the generated data set', () => {
  const dataSet = generateNetwork({ seed: 7, stores: 50, skus: 500 });

  it('is the same for the same seed, and different for another', () => {
    expect(serializeDataSet(generateNetwork({ seed: 7, stores: 50, skus: 500 }))).toBe(
      serializeDataSet(dataSet),
    );
    expect(serializeDataSet(generateNetwork({ seed: 8, stores: 50, skus: 500 }))).not.toBe(
      serializeDataSet(dataSet),
    );
  });

  it('has one DC holding most SKUs in depth and stores holding fewer, shallower', () => {
    const [dc, ...stores] = dataSet.locations;
    expect(dc).toMatchObject({ id: 'dc-1', type: 'dc' });
    expect(stores).toHaveLength(50);
    const heldAt = (id: string) => [...dataSet.stock.values()].filter((holders) => holders.has(id)).length;
    expect(heldAt('dc-1')).toBeGreaterThan(450);
    expect(heldAt('store-0001')).toBeLessThan(450);
  });

  it('gives orders of 1 to 5 distinct SKUs and a mix of fulfilment types', () => {
    const orders = generateOrders(dataSet, { orders: 300 });
    expect(new Set(orders.map((o) => o.fulfilment.type))).toEqual(
      new Set(['ship_to_home', 'collect_in_store', 'ship_from_store']),
    );
    for (const o of orders) {
      expect(o.lines.length).toBeGreaterThanOrEqual(1);
      expect(o.lines.length).toBeLessThanOrEqual(5);
      expect(new Set(o.lines.map((line) => line.sku)).size).toBe(o.lines.length);
    }
  });

  it('survives a round trip through network.json', () => {
    expect(parseDataSet(JSON.parse(serializeDataSet(dataSet)))).toEqual(dataSet);
  });

  it('refuses a network.json with wrong fields, naming them', () => {
    const json = JSON.parse(serializeDataSet(dataSet)) as { locations: Record<string, unknown>[] };
    json.locations[1] = { ...json.locations[1], lat: 'north' };
    expect(() => parseDataSet(json)).toThrow('$.locations[1].lat: must be a number, got "north"');
  });
});
