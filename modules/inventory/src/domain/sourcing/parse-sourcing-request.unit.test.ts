import { describe, expect, it } from 'vitest';
import { parseSourcingRequest } from './parse-sourcing-request.js';

describe('parseSourcingRequest', () => {
  it('reads a ship-to-home request', () => {
    const json = {
      orderId: 'o-1',
      lines: [{ lineId: 'l1', sku: 'A', quantity: 2 }],
      fulfilment: { type: 'ship_to_home', deliveryPoint: { lat: 51.5, lon: -0.1 } },
    };
    expect(parseSourcingRequest(json)).toEqual(json);
  });

  it('names the path of every problem', () => {
    expect(() =>
      parseSourcingRequest({
        orderId: 'o-1',
        lines: [
          { lineId: 'l1', sku: 'A', quantity: 0 },
          { lineId: 'l1', sku: 'B', quantity: 1 },
        ],
        fulfilment: { type: 'collect_in_store' },
      }),
    ).toThrow(
      'invalid sourcing request: $.lines[0].quantity: must be 1 or more, got 0; $.lines[1].lineId: repeats line id "l1"; ' +
        '$.fulfilment.storeId: must be a non-empty string, got nothing',
    );
  });
});
