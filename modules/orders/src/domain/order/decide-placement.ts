import { DomainError, sameJson } from '@omnistream/kernel';
import type { DeliveryAddress } from '@omnistream/contracts/orders';
import type { PlaceOrder } from './order-commands.js';
import type { OrderEvent } from './order-event.js';
import type { OrderState } from './order-state.js';

const wholeAmount = (name: string, value: number) => {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new DomainError('INVALID_AMOUNT', `${name} must be whole minor units of at least 0, got ${value}`);
};

/**
 * Checks a priced order and places it. Prices are looked up at the edge (they live in a read model); the decider
 * holds the arithmetic to them, so an order whose total is not the sum of its lines is never recorded.
 */
export const decidePlacement = (command: PlaceOrder, state: OrderState): OrderEvent[] => {
  const { data } = command;
  if (state.status !== 'none') {
    const { placedAt: _placedAt, ...recorded } = state.placed;
    if (sameJson(recorded, data)) return []; // the same order placed again: already recorded
    throw new DomainError(
      'ORDER_ID_CONFLICT',
      `order ${data.orderId} already exists with other contents; choose another orderId`,
    );
  }
  if (data.lines.length === 0) throw new DomainError('INVALID_ORDER', 'an order needs at least one line');
  const lineIds = new Set(data.lines.map((l) => l.lineId));
  if (lineIds.size !== data.lines.length) throw new DomainError('INVALID_ORDER', 'line ids must be unique');
  for (const line of data.lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
      throw new DomainError(
        'INVALID_QUANTITY',
        `line ${line.lineId} (${line.sku}): quantity must be a whole number of at least 1, got ${line.quantity}`,
      );
    wholeAmount(`line ${line.lineId} unitPrice`, line.unitPrice);
    wholeAmount(`line ${line.lineId} regularUnitPrice`, line.regularUnitPrice);
    if (line.lineTotal !== line.unitPrice * line.quantity)
      throw new DomainError('INVALID_AMOUNT', `line ${line.lineId}: lineTotal must be unitPrice × quantity`);
  }
  const total = data.lines.reduce((sum, l) => sum + l.lineTotal, 0);
  if (data.total !== total)
    throw new DomainError('INVALID_AMOUNT', `total must be the sum of the line totals (${total})`);
  const { fulfilment } = data;
  // Commands also arrive as plain JSON (execute), so the address is checked although the type promises it.
  if (
    fulfilment.type !== 'collect_in_store' &&
    (fulfilment.address as DeliveryAddress | undefined)?.location === undefined
  )
    throw new DomainError('INVALID_ADDRESS', `${fulfilment.type} needs an address with a location`);
  return [{ type: 'OrderPlaced', data: { ...data, placedAt: command.metadata.now } }];
};
