import type { CommandMetadata } from '@omnistream/kernel';
import type { CommandHandler, EventStore } from '@omnistream/event-store';
import { readModel } from '@omnistream/projections';
import type { StockItem, StockItemCommand } from '../domain/stock/stock-item-messages.js';
import { STOCK_PROJECTION } from '../read-models/stock-projection.js';

export interface ExpirySweepOptions {
  readonly eventStore: EventStore;
  readonly stock: CommandHandler<StockItemCommand, StockItem>;
  readonly metadata: () => CommandMetadata;
  readonly intervalMs: number;
  readonly onError: (error: unknown) => void;
}

/**
 * Releases reservations past their expiry: finds the SKUs holding one in the read model and sends each an
 * ExpireReservations command, which the stock item decides against its own state (the read model only says
 * where to look). Held units stay unavailable until then, so expiry errs on the side of not overselling.
 * Running in several processes is safe: a second expiry of the same reservation decides nothing.
 */
export const startExpirySweep = ({
  eventStore,
  stock,
  metadata,
  intervalMs,
  onError,
}: ExpirySweepOptions) => {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const sweep = async () => {
    const now = metadata().now;
    const due = await readModel(eventStore.database, STOCK_PROJECTION, ({ t }) =>
      eventStore.database.query<{ sku: string }>(
        `select distinct sku from ${t('reservations')} where status = 'open' and expires_at <= $1::timestamptz limit 500`,
        [now],
      ),
    );
    for (const { sku } of due) {
      if (stopped) return;
      await stock(`stock-${sku}`, { type: 'ExpireReservations', data: { sku }, metadata: metadata() });
    }
  };
  const timer = setInterval(() => {
    running = running.then(sweep).catch(onError);
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
};
