import type { EventStore } from '@omnistream/event-store';
import { DomainError, isDomainError, type Clock, type CommandMetadata } from '@omnistream/kernel';
import type {
  CommitShipmentStock,
  InventorySagaCommand,
  LineReservationRef,
  ReleaseOrderStock,
  ReserveOrderStock,
  ReserveOrderStockResult,
  RestockUncollected,
  RestockUncollectedResult,
  SourceOrder,
  SourceOrderResult,
} from '@omnistream/contracts/inventory';
import type { AvailabilityView } from '../availability/availability-view.js';
import type { InventoryHandlers } from '../inventory-handlers.js';
import type { OrderSourcer } from '../sourcing-service/create-order-sourcer.js';

export interface InventoryCommandDependencies {
  readonly eventStore: Pick<EventStore, 'appendMany'>;
  readonly handlers: InventoryHandlers;
  readonly view: AvailabilityView;
  readonly sourceOrder: OrderSourcer;
  readonly clock: Clock;
  readonly metadata: (correlationId?: string) => CommandMetadata;
}

/** One reservation per order line; the id is stable, so a redelivered command finds what it already holds. */
export const lineReservationId = (orderId: string, lineId: string): string => `${orderId}:${lineId}`;

const reserve = async (
  deps: InventoryCommandDependencies,
  command: ReserveOrderStock,
  correlationId?: string,
) => {
  const channel = deps.view.channel(command.salesChannel);
  if (channel === undefined)
    throw new DomainError('CHANNEL_NOT_FOUND', `no sales channel ${command.salesChannel}`);
  const locations = deps.view.eligibleLocations(channel).map((l) => l.locationId);
  const expiresAt = new Date(deps.clock.now().getTime() + command.ttlSeconds * 1000).toISOString();
  const held: LineReservationRef[] = [];
  try {
    for (const line of command.lines) {
      const reservationId = lineReservationId(command.orderId, line.lineId);
      await deps.handlers.stock(`stock-${line.sku}`, {
        type: 'ReserveStock',
        data: {
          sku: line.sku,
          reservationId,
          channel: channel.channelId,
          quantity: line.quantity,
          locations,
          expiresAt,
        },
        metadata: deps.metadata(correlationId),
      });
      held.push({ ...line, reservationId });
    }
  } catch (error) {
    // All or nothing: what this command held before a line failed is given back before the "no" is answered.
    if (isDomainError(error))
      await release(
        deps,
        { orderId: command.orderId, reservations: held, reason: error.code },
        correlationId,
      );
    throw error;
  }
  return { reservations: held } satisfies ReserveOrderStockResult;
};

const release = async (
  deps: InventoryCommandDependencies,
  command: ReleaseOrderStock,
  correlationId?: string,
) => {
  for (const { sku, reservationId } of command.reservations)
    await deps.handlers.stock(`stock-${sku}`, {
      type: 'ReleaseReservation',
      data: { sku, reservationId, reason: command.reason },
      metadata: deps.metadata(correlationId),
    });
  return null;
};

const source = async (
  deps: InventoryCommandDependencies,
  command: SourceOrder,
  correlationId?: string,
): Promise<SourceOrderResult> => {
  const { decision, sequence } = await deps.sourceOrder(
    {
      request: { orderId: command.orderId, lines: command.lines, fulfilment: command.fulfilment },
      channelId: command.salesChannel,
      excludeLocations: command.excludeLocations,
      reservationIds: command.lines.map((l) => l.reservationId),
    },
    correlationId,
  );
  const at = sequence ?? 0;
  if (decision.status === 'unfulfillable')
    return { status: 'unfulfillable', sequence: at, reason: decision.reason, detail: decision.detail };
  for (const line of command.lines) {
    const allocations = decision.allocations
      .filter((a) => a.lineId === line.lineId)
      .map((a) => ({ locationId: a.locationId, quantity: a.quantity }));
    await deps.handlers.stock(`stock-${line.sku}`, {
      type: 'ReallocateReservation',
      data: { sku: line.sku, reservationId: line.reservationId, allocations },
      metadata: deps.metadata(correlationId),
    });
  }
  return {
    status: 'planned',
    sequence: at,
    shipments: decision.shipments.map((s) => ({
      locationId: s.locationId,
      mode: s.mode,
      lines: s.lines,
      address: deps.view.location(s.locationId)?.profile.address ?? null,
    })),
  };
};

const commit = async (
  deps: InventoryCommandDependencies,
  command: CommitShipmentStock,
  correlationId?: string,
) => {
  for (const { sku, reservationId } of command.reservations)
    await deps.handlers.stock(`stock-${sku}`, {
      type: 'CommitReservation',
      data: { sku, reservationId, locationId: command.locationId },
      metadata: deps.metadata(correlationId),
    });
  return null;
};

/**
 * Receives the units of a collection nobody collected back at the store, once: a marker stream per order and
 * shipment (`restock-<orderId>.<shipmentId>`, which must not exist yet) is written in the same atomic append as the
 * receipts, so a repeated command (a redelivery, a retry after a crash) writes nothing. The receipts are plain
 * StockReceived events: receiving stock never breaks a stock item's rules, so no decision is needed.
 */
const restock = async (
  deps: InventoryCommandDependencies,
  command: RestockUncollected,
  correlationId?: string,
): Promise<RestockUncollectedResult> => {
  const quantities = new Map<string, number>();
  for (const { sku, quantity } of command.lines) quantities.set(sku, (quantities.get(sku) ?? 0) + quantity);
  const { now } = deps.metadata(correlationId);
  const metadata = { occurredAt: now, ...(correlationId === undefined ? {} : { correlationId }) };
  const reference = `uncollected:${command.orderId}`;
  const marker = `restock-${command.orderId}.${command.shipmentId}`;
  try {
    await deps.eventStore.appendMany([
      {
        streamId: marker,
        expectedVersion: 'no_stream',
        events: [{ type: 'UncollectedStockReturned', data: { ...command, at: now }, metadata }],
      },
      ...[...quantities].map(([sku, quantity]) => ({
        streamId: `stock-${sku}`,
        events: [
          {
            type: 'StockReceived',
            data: { sku, locationId: command.locationId, quantity, reference, at: now },
            metadata,
          },
        ],
      })),
    ]);
    return { returned: true };
  } catch (error) {
    if (isDomainError(error, 'STREAM_VERSION_CONFLICT') && error.details.streamId === marker)
      return { returned: false };
    throw error;
  }
};

/** Inventory's saga command executor (platform/sagas startSagaCommandConsumer): every command idempotent. */
export const executeInventoryCommand =
  (deps: InventoryCommandDependencies) =>
  (
    command: { readonly type: string; readonly data: unknown },
    context: { readonly correlationId?: string },
  ) => {
    const known = command as InventorySagaCommand;
    switch (known.type) {
      case 'ReserveOrderStock':
        return reserve(deps, known.data, context.correlationId);
      case 'ReleaseOrderStock':
        return release(deps, known.data, context.correlationId);
      case 'SourceOrder':
        return source(deps, known.data, context.correlationId);
      case 'CommitShipmentStock':
        return commit(deps, known.data, context.correlationId);
      case 'RestockUncollected':
        return restock(deps, known.data, context.correlationId);
      default:
        return Promise.reject(
          new DomainError(
            'UNKNOWN_COMMAND',
            `inventory takes no saga command ${JSON.stringify(command.type)}`,
          ),
        );
    }
  };
