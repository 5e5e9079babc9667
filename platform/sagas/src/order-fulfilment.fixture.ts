import { uuidV7, type EventEnvelope, type NewEvent } from '@omnistream/kernel';
import { complete, compensate, type SagaDecision } from './saga-decision.js';
import type { SagaDefinition } from './saga-definition.js';

/**
 * A realistic saga for the tests: reserve stock, then authorise payment, then confirm the order. A declined
 * payment releases the stock; a payment that does not answer in time is voided and the stock released.
 */
export const PAYMENT_TIMEOUT_MS = 15 * 60_000;

interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

type FulfilmentState =
  | { readonly status: 'idle' }
  | { readonly status: 'started'; readonly orderId: string; readonly amount: Money };

type FulfilmentEvent = {
  readonly type: 'FulfilmentStarted';
  readonly data: { readonly orderId: string; readonly amount: Money };
};

const INPUTS = new Set([
  'OrderPlaced',
  'StockReserved',
  'StockReservationRejected',
  'PaymentAuthorised',
  'PaymentDeclined',
]);

const orderIdOf = (event: EventEnvelope): string | undefined => {
  const data = event.data as { readonly orderId?: unknown };
  return typeof data.orderId === 'string' ? data.orderId : undefined;
};

const reserve = (orderId: string, sku: string, quantity: number) => ({
  step: 'reserveStock',
  command: { target: 'inventory', type: 'ReserveStock', data: { orderId, sku, quantity } },
  compensation: { target: 'inventory', type: 'ReleaseReservation', data: { orderId } },
});

const authorise = (orderId: string, amount: Money) => ({
  step: 'authorisePayment',
  command: { target: 'payments', type: 'AuthorisePayment', data: { orderId, amount } },
  compensation: { target: 'payments', type: 'VoidAuthorisation', data: { orderId } },
});

export const orderFulfilment: SagaDefinition<FulfilmentState, FulfilmentEvent> = {
  name: 'orderFulfilment',
  correlate: (event) => {
    const orderId = INPUTS.has(event.type) ? orderIdOf(event) : undefined;
    return orderId === undefined ? undefined : { instanceId: orderId, starts: event.type === 'OrderPlaced' };
  },
  initialState: () => ({ status: 'idle' }),
  evolve: (_state, event) => ({ status: 'started', orderId: event.data.orderId, amount: event.data.amount }),
  decide: (input, state, { now }): SagaDecision<FulfilmentEvent> => {
    if (input.kind === 'timer') return compensate('payment timed out');
    const { event } = input;
    switch (state.status) {
      case 'idle': {
        if (event.type !== 'OrderPlaced') return {};
        const placed = event.data as { orderId: string; sku: string; quantity: number; amount: Money };
        return {
          events: [{ type: 'FulfilmentStarted', data: { orderId: placed.orderId, amount: placed.amount } }],
          send: [reserve(placed.orderId, placed.sku, placed.quantity)],
        };
      }
      case 'started':
        switch (event.type) {
          case 'StockReserved':
            return {
              completed: ['reserveStock'],
              send: [authorise(state.orderId, state.amount)],
              schedule: [
                {
                  timer: 'paymentTimeout',
                  dueAt: new Date(Date.parse(now) + PAYMENT_TIMEOUT_MS).toISOString(),
                },
              ],
            };
          case 'StockReservationRejected':
            return { failed: ['reserveStock'], end: { status: 'failed', reason: 'out of stock' } };
          case 'PaymentAuthorised':
            return complete({
              completed: ['authorisePayment'],
              cancel: ['paymentTimeout'],
              send: [
                {
                  step: 'confirmOrder',
                  command: { target: 'orders', type: 'ConfirmOrder', data: { orderId: state.orderId } },
                },
              ],
            });
          case 'PaymentDeclined':
            return compensate('payment declined', {
              failed: ['authorisePayment'],
              cancel: ['paymentTimeout'],
            });
          default:
            return {};
        }
    }
  },
};

/** The input events, as their contexts would append them (stream and data). */
export const placed = (
  orderId: string,
  sku = 'sku-1',
  quantity = 2,
): { streamId: string; event: NewEvent } => ({
  streamId: `order-${orderId}`,
  event: {
    type: 'OrderPlaced',
    data: { orderId, sku, quantity, amount: { amountMinor: 4_990, currency: 'EUR' } },
    metadata: { correlationId: `corr-${orderId}` },
  },
});
export const reserved = (orderId: string, sku = 'sku-1') => ({
  streamId: `stockItem-${sku}`,
  event: { type: 'StockReserved', data: { orderId, sku } },
});
export const rejected = (orderId: string, sku = 'sku-1') => ({
  streamId: `stockItem-${sku}`,
  event: { type: 'StockReservationRejected', data: { orderId, sku } },
});
export const authorised = (orderId: string) => ({
  streamId: `payment-${orderId}`,
  event: { type: 'PaymentAuthorised', data: { orderId } },
});
export const declined = (orderId: string) => ({
  streamId: `payment-${orderId}`,
  event: { type: 'PaymentDeclined', data: { orderId } },
});

/** An envelope as the feed would deliver it, for the pure specs. */
export const envelope = (
  { streamId, event }: { streamId: string; event: NewEvent },
  recordedAt = '2026-03-01T10:00:00.000Z',
): EventEnvelope => ({
  id: event.id ?? uuidV7(),
  type: event.type,
  streamId,
  version: 1,
  data: event.data,
  metadata: event.metadata ?? {},
  globalPosition: 1n,
  transactionId: 1n,
  recordedAt,
});
