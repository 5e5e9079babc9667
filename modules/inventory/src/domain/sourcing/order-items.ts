import { DomainError } from '@omnistream/kernel';
import type { OrderLine } from './sourcing-request.js';

/** Distinct SKUs are planned as bit masks in a 32-bit integer. */
export const MAX_ITEMS = 30;

/** One SKU of an order with the quantity of all its lines: two lines of one SKU draw on the same stock. */
export interface OrderItem {
  readonly sku: string;
  readonly quantity: number;
  readonly lines: readonly OrderLine[];
}

/** Groups an order's lines by SKU, in order of first appearance; rejects orders the planner cannot represent. */
export const orderItems = (lines: readonly OrderLine[]): OrderItem[] => {
  if (lines.length === 0)
    throw new DomainError('INVALID_SOURCING_REQUEST', 'an order needs at least one line');
  const bySku = new Map<string, { sku: string; quantity: number; lines: OrderLine[] }>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
      throw new DomainError(
        'INVALID_SOURCING_REQUEST',
        `line ${line.lineId}: quantity must be a whole number of units, 1 or more`,
      );
    const item = bySku.get(line.sku);
    if (item === undefined) bySku.set(line.sku, { sku: line.sku, quantity: line.quantity, lines: [line] });
    else {
      item.quantity += line.quantity;
      item.lines.push(line);
    }
  }
  if (bySku.size > MAX_ITEMS)
    throw new DomainError(
      'TOO_MANY_ORDER_LINES',
      `an order can hold at most ${MAX_ITEMS} distinct SKUs for sourcing, got ${bySku.size}; split it first`,
    );
  return [...bySku.values()];
};
