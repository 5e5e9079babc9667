import { systemClock, type Clock, type CommandMetadata } from '@omnistream/kernel';
import type { AppendHook, Database, EventStore } from '@omnistream/event-store';
import type { HttpApp } from '@omnistream/http';
import { inlineProjection, startProjection, type ProjectionHandle } from '@omnistream/projections';
import { createCarriers } from './carriers/create-carriers.js';
import { parseShipmentsConfig } from './config/parse-shipments-config.js';
import { applyTracking, type TrackingOutcome } from './handling/apply-tracking.js';
import { cancelShipment } from './handling/cancel-shipment.js';
import { carrierOf } from './handling/carrier-of.js';
import { createShipment, type CreateShipmentInput } from './handling/create-shipment.js';
import { loadShipment } from './handling/load-shipment.js';
import type { ShipmentsRuntime } from './handling/shipments-runtime.js';
import { registerShipmentsRoutes } from './http/register-shipments-routes.js';
import { shipmentIndex } from './read-models/shipment-index.js';
import { shipmentProjection } from './read-models/shipment-projection.js';
import { shipmentsHandlers } from './shipments-handlers.js';
import type { ShipmentView } from './shipment-view.js';
import { executeShipmentsCommand } from './saga/execute-shipments-command.js';

/** The shipments read model is inline: the event store must be created with `shipmentsAppendHooks()`. */
export const shipmentsProjections = [shipmentProjection] as const;
export const shipmentsAppendHooks = (): AppendHook[] =>
  shipmentsProjections.map((projection) => inlineProjection(projection));

export interface ShipmentsModuleDependencies {
  /** Created with shipmentsAppendHooks() among its onAppended hooks (and the contracts' validate hook). */
  readonly eventStore: EventStore;
  /** Where the read model is read; usually the event store's own database. */
  readonly database: Database;
  readonly clock?: Clock;
  /** Raw shipments config, parsed here (parseShipmentsConfig); absent: the sandbox carrier everywhere. */
  readonly config?: unknown;
  /** The HTTP client carriers call; global fetch unless a test gives another. */
  readonly fetch?: typeof fetch;
  readonly onError?: (error: unknown, where: string) => void;
}

/**
 * Shipments (DESIGN.md layout: modules/shipments): rates, labels, cancellation and tracking through configured
 * carriers. Nothing runs until `start`. The order saga calls `createShipment` and `cancelShipment` (both safe to
 * repeat) and follows the public events in contracts/shipments.
 */
export const createShipmentsModule = ({
  eventStore,
  database,
  clock = systemClock,
  config: rawConfig,
  fetch: client = fetch,
  onError = () => {},
}: ShipmentsModuleDependencies) => {
  const config = parseShipmentsConfig(rawConfig);
  const handlers = shipmentsHandlers(eventStore);
  let app: HttpApp | undefined;
  const carriers = createCarriers(config, {
    clock,
    fetch: client,
    onError,
    // Same route, same signature check as over HTTP, without a socket: for deployments that set no webhookUrl.
    deliverInProcess: async (rawBody, headers) => {
      if (app === undefined) throw new Error('shipments routes are not registered yet');
      const response = await app.inject({
        method: 'POST',
        url: '/shipments/webhooks/sandbox',
        payload: rawBody,
        headers,
      });
      if (response.statusCode >= 300)
        throw new Error(`webhook answered ${response.statusCode}: ${response.body}`);
    },
  });
  const runtime: ShipmentsRuntime = {
    eventStore,
    handlers,
    carriers,
    config,
    index: shipmentIndex(database),
    clock,
  };
  let projections: ProjectionHandle[] = [];
  return {
    name: 'shipments' as const,
    handlers,
    config,
    registerRoutes: (routes: HttpApp) => {
      app = routes;
      registerShipmentsRoutes(routes, runtime);
    },
    /** Requests a shipment and buys its label; repeating it never buys a second one. */
    createShipment: (
      input: CreateShipmentInput,
      metadata?: Partial<CommandMetadata>,
    ): Promise<ShipmentView> => createShipment(runtime, input, metadata),
    /** Cancels before hand-over, voiding the label; repeating it changes nothing. */
    cancelShipment: (
      request: { readonly shipmentId: string; readonly reason: string },
      metadata?: Partial<CommandMetadata>,
    ): Promise<ShipmentView> => cancelShipment(runtime, request, metadata),
    /** Applies the commands sagas send shipments (contracts/shipments ShipmentsSagaCommand). */
    execute: executeShipmentsCommand({
      createShipment: (input, metadata) => createShipment(runtime, input, metadata),
      cancelShipment: (request, metadata) => cancelShipment(runtime, request, metadata),
    }),
    getShipment: (shipmentId: string): Promise<ShipmentView> => loadShipment(runtime, shipmentId),
    /** Polls the carrier for a shipment's tracking and applies what is new (for carriers without webhooks). */
    refreshTracking: async (shipmentId: string): Promise<TrackingOutcome> => {
      const current = await loadShipment(runtime, shipmentId);
      if (current.label === null) return { received: 0, recorded: 0, ignored: 0 };
      const carrier = carrierOf(carriers, current.label.carrier);
      const reports = await carrier.track(current.label.trackingNumber);
      return applyTracking(
        runtime,
        carrier.id,
        reports.map((report) => ({ ...report, shipmentId })),
      );
    },
    start: async () => {
      projections = shipmentsProjections.map((projection) =>
        startProjection(eventStore, projection, {
          inline: true,
          onError: (error) => onError(error, `projection ${projection.name}`),
        }),
      );
      await Promise.all(projections.map((projection) => projection.activated()));
    },
    close: async () => {
      const running = projections;
      projections = [];
      await Promise.all([...carriers.values()].map((carrier) => carrier.close()));
      await Promise.all(running.map((projection) => projection.stop()));
    },
  };
};

export type ShipmentsModule = ReturnType<typeof createShipmentsModule>;
