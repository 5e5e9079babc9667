import type { Sql } from '@omnistream/event-store';
import { readModel } from '@omnistream/projections';
import type { Payment } from '../domain/payment/payment-state.js';
import { PAYMENT_PROJECTION } from './payment-projection.js';
import { toPaymentView, type PaymentView } from './payment-view.js';

/** The payments of one order, oldest first (an order rarely has more than a handful: retries, split tenders). */
export const paymentsByOrder = async (sql: Sql, orderId: string, limit = 100): Promise<PaymentView[]> =>
  readModel(sql, PAYMENT_PROJECTION, async ({ t }) => {
    const rows = await sql.query<{ state: string; version: number }>(
      `select state::text as state, version from ${t('payments')} where order_id = $1
        order by created_at, payment_id limit $2`,
      [orderId, limit],
    );
    return rows.flatMap((row) => {
      const payment = JSON.parse(row.state) as Payment;
      return payment.exists ? [toPaymentView(payment, Number(row.version))] : [];
    });
  });
