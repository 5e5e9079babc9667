import type { EventEnvelope } from '@omnistream/kernel';
import {
  compensate,
  correlateSagaReply,
  nothing,
  type SagaCommandRejected,
  type SagaCommandSucceeded,
  type SagaDecision,
  type SagaDefinition,
} from '@omnistream/sagas';
import type {
  LineReservationRef,
  ReserveOrderStockResult,
  SourceOrderResult,
} from '@omnistream/contracts/inventory';
import type {
  OrderPlaced,
  OrderShipmentDispatched,
  OrderShipmentPicked,
  OrderShipmentRejected,
  OrderReturnReceived,
} from '@omnistream/contracts/orders';
import type { PaymentCommandResult } from '@omnistream/contracts/payments';
import {
  evolveOrderFlow,
  initialOrderFlow,
  type OrderFlow,
  type OrderFlowEvent,
} from './order-flow-state.js';
import * as steps from './order-flow-steps.js';

export interface OrderFlowOptions {
  /** A payment that neither succeeds nor fails within this is voided and the order fails. */
  readonly paymentTimeoutMs: number;
  /** An order ready for collection and not collected within this fails and is given back. */
  readonly collectionTimeoutMs: number;
}

const FOLLOWED: Readonly<Record<string, ReadonlySet<string>>> = {
  order: new Set([
    'OrderPlaced',
    'OrderShipmentPicked',
    'OrderShipmentRejected',
    'OrderShipmentDispatched',
    'OrderCollected',
    'OrderCancelled',
    'OrderReturnReceived',
  ]),
  payment: new Set([
    'PaymentAuthorised',
    'PaymentRefused',
    'PaymentFailed',
    'PaymentCaptured',
    'PaymentRefunded',
  ]),
  shipment: new Set(['ShipmentLabelCreated', 'ShipmentDelivered']),
};

const later = (now: string, ms: number) => new Date(Date.parse(now) + ms).toISOString();
type Decision = SagaDecision<OrderFlowEvent>;

/**
 * The omnichannel order flow (issue 5): reserve stock, authorise payment, source, release to locations; on each
 * pick commit stock and buy a label (or make the order ready for collection); capture on dispatch or collection;
 * refund returns. Every forward step names its compensation; a declined or timed-out payment, no stock, or an order
 * nobody can source ends compensated (stock released, authorisation voided). Pure: time arrives in the context.
 */
export const createOrderFlowSaga = (options: OrderFlowOptions): SagaDefinition<OrderFlow, OrderFlowEvent> => {
  const fail = (state: OrderFlow, code: string, reason: string, extra: Decision = {}): Decision =>
    compensate(reason, {
      ...extra,
      send: [...(extra.send ?? []), steps.failOrder(state.order?.orderId ?? '', code, reason)],
    });

  const authorised = (state: OrderFlow, order: OrderPlaced): Decision =>
    state.phase !== 'authorising'
      ? nothing
      : {
          events: [
            { type: 'OrderFlowPaymentAuthorised', data: { paymentId: steps.paymentIdOf(order.orderId) } },
            { type: 'OrderFlowSourcingRequested', data: { attempt: 1 } },
          ],
          completed: ['authorise'],
          cancel: ['paymentTimeout'],
          send: [steps.recordPaymentAuthorised(order), steps.sourceOrder(order, 1, state.reservations, [])],
        };

  const declined = (
    state: OrderFlow,
    reason: string,
    code = 'PAYMENT_DECLINED',
    { mayBeAuthorised = false } = {},
  ): Decision =>
    state.phase !== 'authorising'
      ? nothing
      : // A refusal authorised nothing; a payment that never answered may still be authorised: void it then.
        fail(state, code, reason, {
          ...(mayBeAuthorised ? {} : { failed: ['authorise'] }),
          cancel: ['paymentTimeout'],
        });

  const onReply = (
    state: OrderFlow,
    order: OrderPlaced,
    reply: SagaCommandSucceeded | SagaCommandRejected,
    ok: boolean,
  ): Decision => {
    const { step } = reply;
    if (step === 'reserve') {
      if (!ok) {
        const { code, message } = reply as SagaCommandRejected;
        return {
          failed: ['reserve'],
          send: [steps.failOrder(order.orderId, code, message)],
          end: { status: 'failed', reason: message },
        };
      }
      const { reservations } = (reply as SagaCommandSucceeded).result as ReserveOrderStockResult;
      return {
        events: [{ type: 'OrderFlowStockHeld', data: { reservations } }],
        completed: ['reserve'],
        send: [steps.recordStockReserved(order.orderId, reservations), steps.authorisePayment(order)],
        schedule: [{ timer: 'paymentTimeout', dueAt: '' }],
      };
    }
    if (step === 'authorise') {
      if (!ok)
        return declined(state, (reply as SagaCommandRejected).message, (reply as SagaCommandRejected).code);
      const { status } = (reply as SagaCommandSucceeded).result as PaymentCommandResult;
      if (status === 'authorised') return authorised(state, order);
      if (status === 'refused' || status === 'failed') return declined(state, `payment ${status}`);
      return nothing; // pending: the outcome arrives as a payment event, or the timer fires
    }
    if (step.startsWith('source#')) {
      if (step !== `source#${state.sourcings}`) return nothing; // an answer to an attempt already superseded
      const result = ok ? ((reply as SagaCommandSucceeded).result as SourceOrderResult) : undefined;
      if (result === undefined || result.status === 'unfulfillable') {
        // Partial fulfilment: when a rejected shipment's lines can go nowhere else but other shipments stand,
        // those lines are given up (their units released, the order told) and the rest goes ahead. Captures are
        // per shipment, so the customer pays for what ships.
        const lines = state.sourcing;
        const rejected = new Set(state.excluded);
        const standing = Object.values(state.shipments).some((s) => !rejected.has(s.locationId));
        if (ok && lines !== null && lines.length > 0 && standing)
          return {
            completed: [step],
            send: [
              steps.releaseLineStock(order.orderId, state.sourcings, lines),
              steps.releaseOrder(
                order.orderId,
                state.sourcings,
                [],
                lines.map((l) => l.lineId),
              ),
            ],
          };
        return fail(state, 'UNFULFILLABLE', result?.detail ?? (reply as SagaCommandRejected).message, {
          completed: [step],
        });
      }
      const shipments = result.shipments.map((s, i) => ({
        ...s,
        shipmentId: `${order.orderId}-${state.sourcings}-${i + 1}`,
      }));
      return {
        events: [{ type: 'OrderFlowSourced', data: { shipments } }],
        completed: [step],
        send: [steps.releaseOrder(order.orderId, state.sourcings, shipments)],
      };
    }
    return ok ? { completed: [step] } : { failed: [step] };
  };

  const onOrderEvent = (
    state: OrderFlow,
    order: OrderPlaced,
    event: EventEnvelope,
    now: string,
  ): Decision => {
    switch (event.type) {
      case 'OrderShipmentPicked': {
        const { shipmentId } = event.data as OrderShipmentPicked;
        const shipment = state.shipments[shipmentId];
        if (shipment === undefined) return nothing;
        const commit = steps.commitShipmentStock(order, shipment, state.reservations);
        if (order.fulfilment.type === 'collect_in_store') {
          if (state.picked.includes(shipmentId)) return nothing;
          const picked = { type: 'OrderFlowShipmentPicked' as const, data: { shipmentId } };
          // Ready once every shipment is at the store: the pick there, and the transfers from elsewhere.
          const waiting = Object.keys(state.shipments).filter(
            (id) => id !== shipmentId && !state.picked.includes(id),
          );
          if (waiting.length > 0) return { events: [picked], send: [commit] };
          return {
            events: [picked],
            send: [
              commit,
              steps.orderCommand('readyForCollection', 'MarkReadyForCollection', {
                orderId: order.orderId,
                storeId: order.fulfilment.storeId,
              }),
            ],
            schedule: [{ timer: 'collectionTimeout', dueAt: later(now, options.collectionTimeoutMs) }],
          };
        }
        const ship = steps.createShipment(order, shipment);
        return { send: ship === undefined ? [commit] : [commit, ship] };
      }
      case 'OrderShipmentRejected': {
        const { locationId, shipmentId } = event.data as OrderShipmentRejected;
        const shipment = state.shipments[shipmentId];
        if (shipment === undefined || state.excluded.includes(locationId)) return nothing;
        const lineIds = new Set(shipment.lines.map((l) => l.lineId));
        const lines: LineReservationRef[] = state.reservations.filter((r) => lineIds.has(r.lineId));
        const attempt = state.sourcings + 1;
        return {
          events: [
            { type: 'OrderFlowLocationExcluded', data: { locationId } },
            { type: 'OrderFlowSourcingRequested', data: { attempt, lines } },
          ],
          send: [steps.sourceOrder(order, attempt, lines, [...state.excluded, locationId])],
        };
      }
      case 'OrderShipmentDispatched': {
        const { shipmentId, paymentId, amount } = event.data as OrderShipmentDispatched;
        return paymentId === null || amount <= 0
          ? nothing
          : { send: [steps.capturePayment(paymentId, shipmentId, amount)] };
      }
      case 'OrderCollected':
        return state.paymentId === null
          ? nothing
          : {
              cancel: ['collectionTimeout'],
              send: [steps.capturePayment(state.paymentId, 'collection', order.total)],
            };
      case 'OrderCancelled':
        return compensate('cancelled before release', { cancel: ['paymentTimeout'] });
      case 'OrderReturnReceived': {
        const { returnId, refundAmount, paymentId } = event.data as OrderReturnReceived;
        return paymentId === null || refundAmount <= 0
          ? nothing
          : { send: [steps.refundPayment(paymentId, returnId, refundAmount)] };
      }
      default:
        return nothing;
    }
  };

  const onPaymentOrShipment = (state: OrderFlow, order: OrderPlaced, event: EventEnvelope): Decision => {
    const data = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'PaymentAuthorised':
        return authorised(state, order);
      case 'PaymentRefused':
      case 'PaymentFailed':
        return declined(
          state,
          `payment ${event.type === 'PaymentRefused' ? 'refused' : 'failed'}: ${typeof data.reason === 'string' ? data.reason : 'no reason given'}`,
        );
      case 'PaymentCaptured':
        return {
          send: [
            steps.orderCommand(`captured:${String(data.captureId)}`, 'RecordPaymentCaptured', {
              orderId: order.orderId,
              paymentId: data.paymentId,
              amount: data.amount,
              captureId: data.captureId,
            }),
          ],
        };
      case 'PaymentRefunded':
        return {
          send: [
            steps.orderCommand(`refunded:${String(data.refundId)}`, 'RecordRefund', {
              orderId: order.orderId,
              paymentId: data.paymentId,
              amount: data.amount,
              refundId: data.refundId,
              returnId: data.refundId,
            }),
          ],
        };
      case 'ShipmentLabelCreated':
        return {
          send: [
            steps.orderCommand(`dispatched:${String(data.shipmentId)}`, 'RecordShipmentDispatched', {
              orderId: order.orderId,
              shipmentId: data.shipmentId,
              carrier: data.carrier,
              trackingNumber: data.trackingNumber,
            }),
          ],
        };
      case 'ShipmentDelivered':
        return {
          send: [
            steps.orderCommand(`delivered:${String(data.shipmentId)}`, 'RecordShipmentDelivered', {
              orderId: order.orderId,
              shipmentId: data.shipmentId,
            }),
          ],
        };
      default:
        return nothing;
    }
  };

  return {
    name: 'orderFlow',
    correlate: (event) => {
      const reply = correlateSagaReply('orderFlow', event);
      if (reply !== undefined) return reply;
      const category = event.streamId.slice(0, event.streamId.indexOf('-'));
      if (!(FOLLOWED[category]?.has(event.type) ?? false)) return undefined;
      const orderId = (event.data as { orderId?: unknown }).orderId;
      return typeof orderId === 'string'
        ? { instanceId: orderId, starts: event.type === 'OrderPlaced' }
        : undefined;
    },
    initialState: initialOrderFlow,
    evolve: evolveOrderFlow,
    decide: (input, state, { now }): Decision => {
      const order = state.order;
      if (input.kind === 'timer') {
        if (input.timer === 'paymentTimeout')
          return declined(state, 'the payment did not answer in time', 'PAYMENT_TIMEOUT', {
            mayBeAuthorised: true,
          });
        if (input.timer === 'collectionTimeout' && order !== null)
          return fail(
            state,
            'NOT_COLLECTED',
            `not collected from ${order.fulfilment.type === 'collect_in_store' ? order.fulfilment.storeId : 'the store'} in time`,
          );
        return nothing;
      }
      const { event } = input;
      if (event.type === 'OrderPlaced') {
        if (state.phase !== 'new') return nothing;
        const placed = event.data as OrderPlaced;
        return {
          events: [{ type: 'OrderFlowStarted', data: { order: placed } }],
          send: [steps.reserveStock(placed)],
        };
      }
      if (order === null) return nothing;
      if (event.type === 'SagaCommandSucceeded' || event.type === 'SagaCommandRejected') {
        const decision = onReply(
          state,
          order,
          event.data as SagaCommandSucceeded,
          event.type === 'SagaCommandSucceeded',
        );
        // The payment timer runs from when the authorisation was asked for.
        return decision.schedule?.[0]?.timer === 'paymentTimeout'
          ? {
              ...decision,
              schedule: [{ timer: 'paymentTimeout', dueAt: later(now, options.paymentTimeoutMs) }],
            }
          : decision;
      }
      if (event.streamId.startsWith('order-')) return onOrderEvent(state, order, event, now);
      return onPaymentOrShipment(state, order, event);
    },
  };
};
