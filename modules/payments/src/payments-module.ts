import { DomainError, systemClock, type Clock } from '@omnistream/kernel';
import type { AppendHook, Database, EventStore } from '@omnistream/event-store';
import type { HttpApp } from '@omnistream/http';
import {
  inlineProjection,
  startProjection,
  type Projection,
  type ProjectionHandle,
} from '@omnistream/projections';
import type { PaymentsConfig } from './config/payments-config.js';
import { parsePaymentsConfig } from './config/parse-payments-config.js';
import { registerPaymentsRoutes } from './http/register-payments-routes.js';
import { createPaymentOperations, type PaymentOperations } from './operations/payment-operations.js';
import { createProviders } from './providers/create-providers.js';
import type { PaymentProvider } from './providers/payment-provider.js';
import { paymentProjection } from './read-models/payment-projection.js';
import { executePaymentsCommand } from './saga/execute-payments-command.js';

/** The payments read model (payments by order). Inline: the event store needs `paymentsAppendHooks()`. */
export const paymentsProjections: readonly Projection[] = [paymentProjection];

export const paymentsAppendHooks = (): AppendHook[] =>
  paymentsProjections.map((projection) => inlineProjection(projection));

export interface PaymentsModuleDependencies {
  /** Created with paymentsAppendHooks() among its onAppended hooks (and the contracts' validate hook). */
  readonly eventStore: EventStore;
  readonly database: Database;
  readonly clock?: Clock;
  /** Parsed with parsePaymentsConfig; defaults to the sandbox for everything. */
  readonly config?: PaymentsConfig;
  /** What provider adapters and webhook deliveries call; the global fetch unless a test wraps it. */
  readonly fetch?: typeof globalThis.fetch;
  readonly onError?: (error: unknown, where: string) => void;
}

export interface PaymentsModule {
  readonly name: 'payments';
  /** The use cases the order saga calls (authorise, capture, refund, cancel): no stream layout to know. */
  readonly handlers: PaymentOperations;
  readonly providers: ReadonlyMap<string, PaymentProvider>;
  /** Applies the commands sagas send payments (contracts/payments PaymentsSagaCommand). */
  readonly execute: ReturnType<typeof executePaymentsCommand>;
  /** Adds every route under /payments, the webhook route included; call once per app, before it listens. */
  registerRoutes(app: HttpApp): void;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Payments (DESIGN.md layout: modules/payments): a provider port with a sandbox and an Adyen adapter, chosen per
 * market and method by configuration. Nothing runs until `start`; the sandbox sends its webhooks only after it.
 */
export const createPaymentsModule = ({
  eventStore,
  database,
  clock = systemClock,
  config = parsePaymentsConfig(),
  fetch = globalThis.fetch,
  onError = () => {},
}: PaymentsModuleDependencies): PaymentsModule => {
  let app: HttpApp | undefined;
  const providers = createProviders({
    config,
    clock,
    fetch,
    onError,
    // Same route, same signature check as over HTTP, without a socket: for deployments that set no webhookUrl.
    deliverInProcess: (provider) => async (rawBody, headers) => {
      if (app === undefined)
        throw new DomainError('PROVIDER_UNAVAILABLE', 'payments routes are not registered yet');
      const response = await app.inject({
        method: 'POST',
        url: `/payments/webhooks/${provider}`,
        payload: rawBody,
        headers,
      });
      if (response.statusCode >= 300)
        throw new Error(`webhook answered ${response.statusCode}: ${response.body}`);
    },
  });
  const handlers = createPaymentOperations({ eventStore, providers, config, clock });
  let projections: ProjectionHandle[] = [];
  return {
    name: 'payments',
    handlers,
    providers,
    execute: executePaymentsCommand(handlers),
    registerRoutes: (target) => {
      app = target;
      registerPaymentsRoutes(target, { operations: handlers, eventStore, database, clock });
    },
    start: async () => {
      projections = paymentsProjections.map((projection) =>
        startProjection(eventStore, projection, {
          inline: true,
          onError: (error) => onError(error, `projection ${projection.name}`),
        }),
      );
      await Promise.all(projections.map((projection) => projection.activated()));
    },
    close: async () => {
      for (const provider of providers.values()) await provider.close?.();
      const running = projections;
      projections = [];
      await Promise.all(running.map((projection) => projection.stop()));
    },
  };
};
