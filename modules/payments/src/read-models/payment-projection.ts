import type { EventEnvelope } from '@omnistream/kernel';
import type { Projection } from '@omnistream/projections';
import { evolvePayment } from '../domain/payment/evolve-payment.js';
import type { PaymentEvent } from '../domain/payment/payment-events.js';
import { paymentStatus, type Payment } from '../domain/payment/payment-state.js';

export const PAYMENT_PROJECTION = 'payments_by_order';

const isPaymentEvent = (event: EventEnvelope): boolean => event.streamId.startsWith('payment-');

/**
 * One row per payment, found by order: the summary a list shows. The row keeps the folded state as JSON so each
 * event applies the decider's own evolve, and the summary can never disagree with the stream.
 */
export const paymentProjection: Projection = {
  name: PAYMENT_PROJECTION,
  version: 1,
  tables: ['payments'],
  filter: isPaymentEvent,
  setup: async (tx, t) => {
    await tx.query(`create table ${t('payments')} (
      payment_id text primary key,
      order_id text not null,
      status text not null,
      state jsonb not null,
      version int not null,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    await tx.query(`create index on ${t('payments')} (order_id, created_at, payment_id)`);
  },
  handle: async (events, tx, t) => {
    for (const event of events.filter(isPaymentEvent)) {
      const paymentId = event.streamId.slice('payment-'.length);
      const [row] = await tx.query<{ state: string }>(
        `select state::text as state from ${t('payments')} where payment_id = $1`,
        [paymentId],
      );
      const before: Payment = row === undefined ? { exists: false } : (JSON.parse(row.state) as Payment);
      const after = evolvePayment(before, { type: event.type, data: event.data } as PaymentEvent);
      if (!after.exists) continue;
      const at = event.metadata.occurredAt ?? event.recordedAt;
      await tx.query(
        `insert into ${t('payments')} (payment_id, order_id, status, state, version, created_at, updated_at)
         values ($1, $2, $3, $4::text::jsonb, $5, $6::timestamptz, $6::timestamptz)
         on conflict (payment_id) do update set status = excluded.status, state = excluded.state,
           version = excluded.version, updated_at = excluded.updated_at`,
        [paymentId, after.orderId, paymentStatus(after), JSON.stringify(after), event.version, at],
      );
    }
  },
};
