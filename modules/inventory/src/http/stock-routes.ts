import { Type } from '@sinclair/typebox';
import { DomainError } from '@omnistream/kernel';
import type { HttpApp } from '@omnistream/http';
import { readModel } from '@omnistream/projections';
import type { StockItemCommand } from '../domain/stock/stock-item-messages.js';
import { STOCK_PROJECTION } from '../read-models/stock-projection.js';
import { channelNotFound } from './network-routes.js';
import type { InventoryRouteDependencies } from './inventory-route-dependencies.js';
import { Id, Quantity, ReservationBody, ReservationView, Sku } from './inventory-schemas.js';

const Problem = Type.Ref('ProblemDetails');
const tags = ['inventory'];
const Accepted = Type.Object({ sku: Type.String(), version: Type.Integer() });
const errors = { 400: Problem, 404: Problem, 409: Problem, 422: Problem };

/** Receipts, adjustments, counts, safety stock and reservations: every change of stock is a command on its SKU. */
export const registerStockRoutes = (
  app: HttpApp,
  { eventStore, handlers, view, metadata }: InventoryRouteDependencies,
) => {
  const knownLocation = (locationId: string) => {
    if (view.location(locationId) === undefined)
      throw new DomainError(
        'LOCATION_NOT_FOUND',
        `no location ${locationId}; register it with PUT /inventory/locations/${locationId}`,
      );
  };
  const send = async (command: Omit<StockItemCommand, 'metadata'>, correlationId: string) => {
    const result = await handlers.stock(`stock-${command.data.sku}`, {
      ...command,
      metadata: metadata(correlationId),
    } as StockItemCommand);
    return { sku: command.data.sku, version: result.nextExpectedVersion, events: result.events };
  };
  const stockChange = <B extends ReturnType<typeof Type.Object>>(
    path: string,
    summary: string,
    body: B,
    toCommand: (sku: string, body: never) => Omit<StockItemCommand, 'metadata'>,
  ) =>
    app.post(
      `/inventory/stock/:sku/${path}`,
      {
        config: { idempotent: true },
        schema: {
          summary,
          tags,
          params: Type.Object({ sku: Sku }),
          body,
          response: { 200: Accepted, ...errors },
        },
      },
      async (request) => {
        const command = toCommand(request.params.sku, request.body as never);
        knownLocation((command.data as { locationId: string }).locationId);
        const { sku, version } = await send(command, request.id);
        return { sku, version };
      },
    );

  stockChange(
    'receipts',
    'Receive units at a location',
    Type.Object(
      { locationId: Id, quantity: Quantity, reference: Type.Optional(Type.String({ maxLength: 200 })) },
      { additionalProperties: false },
    ),
    (sku, body: { locationId: string; quantity: number; reference?: string }) => ({
      type: 'ReceiveStock',
      data: { sku, ...body },
    }),
  );
  stockChange(
    'adjustments',
    'Correct on-hand units (damage, theft, found stock)',
    Type.Object(
      {
        locationId: Id,
        delta: Type.Integer({ not: { const: 0 } }),
        reason: Type.String({ minLength: 1, maxLength: 200 }),
      },
      { additionalProperties: false },
    ),
    (sku, body: { locationId: string; delta: number; reason: string }) => ({
      type: 'AdjustStock',
      data: { sku, ...body },
    }),
  );
  stockChange(
    'counts',
    'Record a stock count: on hand becomes what was counted',
    Type.Object({ locationId: Id, counted: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
    (sku, body: { locationId: string; counted: number }) => ({ type: 'CountStock', data: { sku, ...body } }),
  );
  stockChange(
    'safety-stock',
    'Set the units a location keeps back from every channel',
    Type.Object({ locationId: Id, quantity: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
    (sku, body: { locationId: string; quantity: number }) => ({
      type: 'SetSafetyStock',
      data: { sku, ...body },
    }),
  );

  app.post(
    '/inventory/reservations',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Hold units of a SKU for a channel (at one location, or at the channel’s eligible ones)',
        description:
          'Answers 422 INSUFFICIENT_STOCK when the eligible locations cannot promise the quantity; nothing is held then.',
        tags,
        body: ReservationBody,
        response: { 201: ReservationView, 200: ReservationView, ...errors },
      },
    },
    async (request, reply) => {
      const { reservationId, sku, channel: channelId, quantity, locationId, ttlSeconds } = request.body;
      const channel = view.channel(channelId);
      if (channel === undefined) throw channelNotFound(channelId);
      const eligible = view.eligibleLocations(channel).map((l) => l.locationId);
      if (locationId !== undefined && !eligible.includes(locationId))
        throw new DomainError(
          'LOCATION_NOT_ELIGIBLE',
          `location ${locationId} does not serve channel ${channelId} (closed, another market or lacking a capability)`,
        );
      const command = metadata(request.id);
      const expiresAt = new Date(Date.parse(command.now) + (ttlSeconds ?? 1800) * 1000).toISOString();
      const result = await handlers.stock(`stock-${sku}`, {
        type: 'ReserveStock',
        data: {
          sku,
          reservationId,
          channel: channelId,
          quantity,
          locations: locationId === undefined ? eligible : [locationId],
          expiresAt,
        },
        metadata: command,
      });
      const held = result.state.reservations.get(reservationId);
      if (held === undefined) throw new Error(`reservation ${reservationId} is not held after reserving`);
      void reply.code(result.events.length > 0 ? 201 : 200);
      return { reservationId, sku, ...held, allocations: [...held.allocations], status: 'open' };
    },
  );

  const reservation = async (reservationId: string) => {
    const [row] = await readModel(eventStore.database, STOCK_PROJECTION, ({ t }) =>
      eventStore.database.query<{
        sku: string;
        channel: string;
        quantity: number;
        allocations: { locationId: string; quantity: number }[];
        expires_at: string | Date;
        status: string;
      }>(
        `select sku, channel, quantity, allocations, expires_at, status from ${t('reservations')} where reservation_id = $1`,
        [reservationId],
      ),
    );
    if (row === undefined) throw new DomainError('RESERVATION_NOT_FOUND', `no reservation ${reservationId}`);
    return {
      reservationId,
      sku: row.sku,
      channel: row.channel,
      quantity: row.quantity,
      allocations: row.allocations,
      expiresAt: new Date(row.expires_at).toISOString(),
      status: row.status,
    };
  };

  app.get(
    '/inventory/reservations/:reservationId',
    {
      schema: {
        summary: 'A reservation and where its units are held',
        tags,
        params: Type.Object({ reservationId: Id }),
        response: { 200: ReservationView, 404: Problem },
      },
    },
    async (request) => reservation(request.params.reservationId),
  );

  app.post(
    '/inventory/reservations/:reservationId/release',
    {
      schema: {
        summary: 'Release a reservation (a compensation: releasing twice is harmless)',
        tags,
        params: Type.Object({ reservationId: Id }),
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: 200, default: 'released' }) },
          { additionalProperties: false },
        ),
        response: { 200: ReservationView, ...errors },
      },
    },
    async (request) => {
      const { reservationId } = request.params;
      const { sku } = await reservation(reservationId);
      await send(
        { type: 'ReleaseReservation', data: { sku, reservationId, reason: request.body.reason } },
        request.id,
      );
      return reservation(reservationId);
    },
  );

  app.post(
    '/inventory/reservations/:reservationId/commit',
    {
      schema: {
        summary:
          'Commit a reservation on pick: its units leave stock (all of it, or what one location holds)',
        tags,
        params: Type.Object({ reservationId: Id }),
        body: Type.Object({ locationId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: ReservationView, ...errors },
      },
    },
    async (request) => {
      const { reservationId } = request.params;
      const { sku } = await reservation(reservationId);
      const { locationId } = request.body;
      await send(
        {
          type: 'CommitReservation',
          data: { sku, reservationId, ...(locationId === undefined ? {} : { locationId }) },
        },
        request.id,
      );
      return reservation(reservationId);
    },
  );
};
