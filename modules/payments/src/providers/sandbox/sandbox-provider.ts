import { createHash } from 'node:crypto';
import { DomainError, type Clock } from '@omnistream/kernel';
import type {
  ModificationRequest,
  ModificationResult,
  NotificationKind,
  PaymentProvider,
} from '../payment-provider.js';
import { sandboxBehaviour, type SandboxBehaviour } from './sandbox-cards.js';
import {
  parseSandboxWebhook,
  SANDBOX_SIGNATURE_HEADER,
  signSandboxBody,
  type SandboxNotificationItem,
} from './sandbox-webhook.js';

/** Posts a signed webhook body to the module's webhook route (over HTTP, or in-process when no URL is set). */
export type WebhookDelivery = (rawBody: string, headers: Record<string, string>) => Promise<void>;

export interface SandboxProviderOptions {
  /** Signs webhooks (HMAC-SHA256, hex, header x-sandbox-signature). */
  readonly secret: string;
  /** How long after an operation its webhook is sent, in milliseconds. */
  readonly webhookDelayMs: number;
  readonly deliver: WebhookDelivery;
  readonly clock: Clock;
  /** A delivery that fails is tried again this many times, the delay doubling each time (as real providers do). */
  readonly deliveryAttempts?: number;
  readonly onDeliveryError?: (error: unknown) => void;
}

/** The provider's reference for a request: derived from its idempotency key, so a retry gets the same one. */
const referenceOf = (idempotencyKey: string): string =>
  `sbx_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 20)}`;

/**
 * A payment provider for development and tests: outcomes by test card (sandbox-cards.ts), answers like Adyen's
 * (modifications are `received`, their outcome arrives as a webhook), and signed webhooks sent after a delay to
 * the same route a real provider calls. It remembers payments in memory only: it is a sandbox.
 */
export const createSandboxProvider = (options: SandboxProviderOptions): PaymentProvider => {
  const {
    secret,
    webhookDelayMs,
    deliver,
    clock,
    deliveryAttempts = 5,
    onDeliveryError = () => {},
  } = options;
  const behaviours = new Map<string, SandboxBehaviour>(); // by the payment's provider reference
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const send = (
    item: Omit<SandboxNotificationItem, 'id' | 'occurredAt'>,
    attempt = 1,
    delayMs = webhookDelayMs,
  ): void => {
    if (closed) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const full: SandboxNotificationItem = {
        id: `${item.kind}:${item.providerReference}:${item.success}`,
        ...item,
        occurredAt: clock.now().toISOString(),
      };
      const rawBody = JSON.stringify({ notifications: [full] });
      deliver(rawBody, {
        'content-type': 'application/json',
        [SANDBOX_SIGNATURE_HEADER]: signSandboxBody(secret, rawBody),
      }).catch((error: unknown) => {
        onDeliveryError(error);
        if (attempt < deliveryAttempts) send(item, attempt + 1, Math.max(delayMs, 50) * 2);
      });
    }, delayMs);
    timers.add(timer);
  };

  const modify =
    (kind: Exclude<NotificationKind, 'authorisation'>) =>
    (request: Omit<ModificationRequest, 'amount'>): Promise<ModificationResult> => {
      const behaviour = behaviours.get(request.providerPaymentReference);
      if (behaviour === undefined)
        return Promise.resolve({
          outcome: 'failed',
          reason: `no payment ${request.providerPaymentReference} at the sandbox`,
        });
      const providerReference = referenceOf(request.idempotencyKey);
      const success = !(
        kind === 'capture' &&
        behaviour.authorise === 'authorised' &&
        behaviour.captures === 'fail'
      );
      send({
        kind,
        reference: request.reference,
        providerReference,
        success,
        ...(success ? {} : { reason: 'Capture declined by the sandbox test card' }),
      });
      return Promise.resolve({ outcome: 'received', providerReference });
    };

  return {
    name: 'sandbox',
    authorise: (request) => {
      const behaviour = sandboxBehaviour(request.method.token);
      if (behaviour.authorise === 'unavailable')
        return Promise.reject(
          new DomainError('PROVIDER_UNAVAILABLE', 'the sandbox provider is unavailable (test card)'),
        );
      const providerReference = referenceOf(request.idempotencyKey);
      behaviours.set(providerReference, behaviour);
      const notify = (success: boolean, reason?: string) =>
        send({
          kind: 'authorisation',
          reference: request.reference,
          providerReference,
          success,
          ...(reason === undefined ? {} : { reason }),
        });
      switch (behaviour.authorise) {
        case 'authorised':
          notify(true);
          return Promise.resolve({ outcome: 'authorised', providerReference });
        case 'refused':
          notify(false, behaviour.reason);
          return Promise.resolve({ outcome: 'refused', providerReference, reason: behaviour.reason });
        case 'failed':
          return Promise.resolve({ outcome: 'failed', providerReference, reason: behaviour.reason });
        case 'pending':
          if (behaviour.then !== 'never')
            notify(behaviour.then === 'authorised', behaviour.then === 'refused' ? 'Refused' : undefined);
          return Promise.resolve({ outcome: 'pending', providerReference });
      }
    },
    capture: modify('capture'),
    refund: modify('refund'),
    cancel: modify('cancel'),
    parseWebhook: (rawBody, headers) => parseSandboxWebhook(secret, rawBody, headers),
    close: () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return Promise.resolve();
    },
  };
};
