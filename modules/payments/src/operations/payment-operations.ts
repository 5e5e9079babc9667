import { createCommandHandler, type EventStore } from '@omnistream/event-store';
import { DomainError, type Clock, type CommandMetadata } from '@omnistream/kernel';
import type { PaymentCommand } from '../domain/payment/payment-commands.js';
import { payment, paymentStreamId } from '../domain/payment/payment.js';
import type { Payment } from '../domain/payment/payment-state.js';
import { chooseProvider } from '../config/choose-provider.js';
import type { PaymentsConfig } from '../config/payments-config.js';
import { providerIdempotencyKey } from '../providers/name-based-id.js';
import { operationReference } from '../providers/operation-reference.js';
import type { PaymentMethodDetails, PaymentProvider } from '../providers/payment-provider.js';
import { applyNotifications } from './apply-notifications.js';
import { providerOf, submitRequested } from './submit-requested.js';

/** Who asked, for the events' metadata (correlation across hops). */
export interface CommandContext {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly actor?: string;
}

export interface AuthorisePaymentInput {
  readonly paymentId: string;
  readonly orderId: string;
  readonly amount: number;
  readonly currency: string;
  readonly market: string;
  readonly paymentMethod: PaymentMethodDetails;
}

/** A capture or refund; `id` (captureId, refundId) defaults to "default", so a plain full capture happens once. */
export interface ModifyPaymentInput {
  readonly id?: string;
  readonly amount?: number;
  readonly currency?: string;
}

export interface PaymentOperationsDependencies {
  readonly eventStore: EventStore;
  readonly providers: ReadonlyMap<string, PaymentProvider>;
  readonly config: PaymentsConfig;
  readonly clock: Clock;
}

const requireOpen = (state: Payment, paymentId: string) => {
  if (!state.exists)
    throw new DomainError('PAYMENT_NOT_FOUND', `there is no payment ${paymentId}`, { paymentId });
  return state;
};

/**
 * The payments use cases, for HTTP routes and the order saga alike: record the intent, call the provider with a
 * key derived from the payment and the operation, record its answer. Every one is safe to call again.
 */
export const createPaymentOperations = ({
  eventStore,
  providers,
  config,
  clock,
}: PaymentOperationsDependencies) => {
  const handle = createCommandHandler(eventStore, payment);
  const metadataFor = (context: CommandContext) => (): CommandMetadata => ({
    now: clock.now().toISOString(),
    ...context,
  });

  const modify = async (
    paymentId: string,
    command: PaymentCommand,
    context: CommandContext,
  ): Promise<Payment> => {
    const result = await handle(paymentStreamId(paymentId), command);
    return submitRequested(handle, providers, requireOpen(result.state, paymentId), metadataFor(context));
  };

  return {
    authorise: async (input: AuthorisePaymentInput, context: CommandContext = {}): Promise<Payment> => {
      const metadata = metadataFor(context);
      const { paymentId, orderId, amount, currency, market, paymentMethod } = input;
      const stream = paymentStreamId(paymentId);
      const provider = chooseProvider(config, market, paymentMethod.type);
      const data = { paymentId, orderId, amount, currency, market, method: paymentMethod.type, provider };
      const { state } = await handle(stream, { type: 'AuthorisePayment', data, metadata: metadata() });
      if (!state.exists || state.authorisation !== 'requested') return state; // answered before: a redelivery
      const answer = await providerOf(providers, state).authorise({
        paymentId,
        reference: operationReference(paymentId, 'authorisation'),
        amount,
        currency,
        market,
        method: paymentMethod,
        idempotencyKey: providerIdempotencyKey(paymentId, 'authorise'),
      });
      const recorded = await handle(stream, {
        type: 'RecordAuthorisation',
        data: { ...answer, at: metadata().now },
        metadata: metadata(),
      });
      return recorded.state;
    },
    capture: (paymentId: string, input: ModifyPaymentInput = {}, context: CommandContext = {}) =>
      modify(
        paymentId,
        {
          type: 'CapturePayment',
          data: { ...input, id: input.id ?? 'default' },
          metadata: metadataFor(context)(),
        },
        context,
      ),
    refund: (paymentId: string, input: ModifyPaymentInput = {}, context: CommandContext = {}) =>
      modify(
        paymentId,
        {
          type: 'RefundPayment',
          data: { ...input, id: input.id ?? 'default' },
          metadata: metadataFor(context)(),
        },
        context,
      ),
    cancel: (paymentId: string, context: CommandContext = {}) =>
      modify(paymentId, { type: 'CancelPayment', data: {}, metadata: metadataFor(context)() }, context),
    /** Verifies, normalises and applies a provider's webhook; returns what the provider expects back. */
    applyWebhook: async (
      providerName: string,
      rawBody: string,
      headers: Readonly<Record<string, string | undefined>>,
    ) => {
      const provider = providers.get(providerName);
      if (provider === undefined)
        throw new DomainError(
          'PAYMENT_PROVIDER_NOT_FOUND',
          `no payment provider ${providerName} is configured`,
        );
      const parsed = provider.parseWebhook(rawBody, headers);
      const counts = await applyNotifications(
        eventStore,
        providerName,
        parsed.notifications,
        metadataFor({}),
      );
      return { acknowledgement: parsed.acknowledgement, ...counts };
    },
  };
};

export type PaymentOperations = ReturnType<typeof createPaymentOperations>;
