import { Type, type TObject } from '@sinclair/typebox';
import type { DeliveryAddress } from '@omnistream/contracts/orders';
import { ifMatchVersion, type HttpApp } from '@omnistream/http';
import type { OrderRouteDependencies, OrderCommandInput } from './order-route-dependencies.js';
import { AddressBody, errors, Id, OrderPath, OrderView, Reason } from './order-schemas.js';

const tags = ['orders'];

/**
 * Customer changes and store operations on one order. Each answers the order as it is after the command; a
 * repeat of something already recorded answers the same order and changes nothing.
 */
export const registerOrderChangeRoutes = (app: HttpApp, { queries, send }: OrderRouteDependencies) => {
  const change = <P extends TObject, B extends TObject>(
    method: 'POST' | 'PUT',
    url: string,
    summary: string,
    params: P,
    body: B,
    toCommand: (params: never, body: never) => OrderCommandInput,
  ) =>
    app.route({
      method,
      url,
      config: { idempotent: true },
      schema: { summary, tags, params, body, response: { 200: OrderView, ...errors } },
      handler: async (request) => {
        const command = toCommand(request.params as never, request.body as never);
        await send(command, request.id, ifMatchVersion(request.headers['if-match']));
        return queries.details(command.data.orderId);
      },
    });
  const shipmentPath = Type.Object({ orderId: Id, shipmentId: Id });
  const noBody = Type.Object({}, { additionalProperties: false });

  change(
    'POST',
    '/orders/:orderId/cancel',
    'Cancel the order (before release)',
    OrderPath,
    Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false }),
    (p: { orderId: string }, b: { reason?: string }) => ({
      type: 'CancelOrder',
      data: { orderId: p.orderId, reason: b.reason ?? 'cancelled by the customer' },
    }),
  );
  change(
    'POST',
    '/orders/:orderId/lines/cancel',
    'Cancel some lines (before release)',
    OrderPath,
    Type.Object(
      {
        lineIds: Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true }),
        reason: Type.Optional(Reason),
      },
      { additionalProperties: false },
    ),
    (p: { orderId: string }, b: { lineIds: string[]; reason?: string }) => ({
      type: 'CancelOrderLines',
      data: { orderId: p.orderId, lineIds: b.lineIds, reason: b.reason ?? 'cancelled by the customer' },
    }),
  );
  change(
    'PUT',
    '/orders/:orderId/delivery-address',
    'Change the delivery address (before release)',
    OrderPath,
    AddressBody,
    (p: { orderId: string }, b: DeliveryAddress) => ({
      type: 'ChangeDeliveryAddress',
      data: { orderId: p.orderId, address: b },
    }),
  );
  change(
    'POST',
    '/orders/:orderId/shipments/:shipmentId/picked',
    'A store or DC picked a shipment',
    shipmentPath,
    noBody,
    (p: { orderId: string; shipmentId: string }) => ({ type: 'ConfirmShipmentPicked', data: p }),
  );
  change(
    'POST',
    '/orders/:orderId/shipments/:shipmentId/reject',
    'A store cannot fulfil a shipment: it is sourced again',
    shipmentPath,
    Type.Object({ reason: Reason }, { additionalProperties: false }),
    (p: { orderId: string; shipmentId: string }, b: { reason: string }) => ({
      type: 'RejectShipment',
      data: { ...p, reason: b.reason },
    }),
  );
  change(
    'POST',
    '/orders/:orderId/collected',
    'The customer collected the order in store',
    OrderPath,
    Type.Object({ storeId: Type.Optional(Id) }, { additionalProperties: false }),
    (p: { orderId: string }, b: { storeId?: string }) => ({
      type: 'ConfirmCollected',
      data: { orderId: p.orderId, ...(b.storeId === undefined ? {} : { storeId: b.storeId }) },
    }),
  );
  change(
    'POST',
    '/orders/:orderId/returns/:returnId/received',
    'The returned goods arrived',
    Type.Object({ orderId: Id, returnId: Id }),
    noBody,
    (p: { orderId: string; returnId: string }) => ({ type: 'ReceiveReturn', data: p }),
  );
};
