import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@omnistream/kernel';

const PRODUCTS = [
  { sku: 'APP-SWTR-MRN-NVY-M', name: 'Merino crew-neck sweater, navy, M' },
  { sku: 'FTW-RUN-TRL-GRY-43', name: 'Trail running shoe, grey, EU 43' },
  { sku: 'HOM-MUG-STN-WHT-04', name: 'Stoneware mug set of 4, white' },
] as const;

/**
 * A realistic event: an order line added on the web shop, with the metadata every stored event carries. Data is
 * about 260 bytes of JSON and metadata about 190, the same for the store and its ceiling.
 */
export const orderLineEvent = (orderId: string, line: number): NewEvent => {
  const product = PRODUCTS[line % PRODUCTS.length] ?? PRODUCTS[0];
  return {
    type: 'OrderLineAdded',
    data: {
      orderId,
      lineNumber: line + 1,
      sku: product.sku,
      name: product.name,
      quantity: 1 + (line % 3),
      unitPrice: { amount: 5990 + line, currency: 'EUR' },
      discount: { code: 'WINTER10', amount: 599 },
      fulfilment: { method: 'click_and_collect', node: 'store-berlin-mitte' },
    },
    metadata: {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: new Date().toISOString(),
      market: 'DE',
      channel: 'web',
      actor: 'customer',
    },
  };
};
