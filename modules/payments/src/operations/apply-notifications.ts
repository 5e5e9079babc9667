import { createCommandHandler, type CommandEventStore } from '@omnistream/event-store';
import { isDomainError, type CommandMetadata } from '@omnistream/kernel';
import type { PaymentCommand } from '../domain/payment/payment-commands.js';
import { payment, paymentStreamId } from '../domain/payment/payment.js';
import type { ProviderNotification } from '../providers/payment-provider.js';
import { withEventIds } from './with-event-ids.js';

/** Notifications that cannot be applied here and are acknowledged anyway, or the provider would resend them forever. */
const UNAPPLICABLE = ['PAYMENT_NOT_FOUND', 'PAYMENT_OPERATION_NOT_FOUND', 'PAYMENT_PROVIDER_MISMATCH'];

const commandOf = (
  provider: string,
  notification: ProviderNotification,
  metadata: CommandMetadata,
): PaymentCommand => {
  const at = notification.occurredAt ?? metadata.now;
  const reason = notification.reason === undefined ? {} : { reason: notification.reason };
  if (notification.kind === 'authorisation')
    return {
      type: 'RecordAuthorisation',
      data: {
        outcome: notification.success ? 'authorised' : 'refused',
        providerReference: notification.providerReference,
        at,
        provider,
        ...reason,
      },
      metadata,
    };
  return {
    type: 'RecordOperationOutcome',
    data: {
      operation: notification.kind,
      ...(notification.sequence === undefined ? {} : { sequence: notification.sequence }),
      success: notification.success,
      providerReference: notification.providerReference,
      at,
      provider,
      ...reason,
    },
    metadata,
  };
};

/**
 * Applies verified notifications to their payment streams. Event ids derive from the provider and its notification
 * identity, so a duplicated webhook has no second effect even when both copies race.
 */
export const applyNotifications = async (
  store: CommandEventStore,
  provider: string,
  notifications: readonly ProviderNotification[],
  metadata: () => CommandMetadata,
): Promise<{ applied: number; ignored: number }> => {
  let applied = 0;
  let ignored = 0;
  for (const notification of notifications) {
    const handle = createCommandHandler(withEventIds(store, `${provider}/${notification.id}`), payment);
    try {
      const result = await handle(
        paymentStreamId(notification.paymentId),
        commandOf(provider, notification, metadata()),
      );
      if (result.events.length > 0) applied += 1;
      else ignored += 1;
    } catch (error) {
      if (
        !UNAPPLICABLE.some((code) => isDomainError(error, code)) &&
        !(error instanceof Error && /stream id/i.test(error.message))
      )
        throw error;
      ignored += 1;
    }
  }
  return { applied, ignored };
};
