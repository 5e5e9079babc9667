import { DomainError } from '@omnistream/kernel';
import { parseOperationReference } from '../operation-reference.js';
import type { NotificationKind, ParsedWebhook, ProviderNotification } from '../payment-provider.js';
import { isValidAdyenSignature, type AdyenSignedFields } from './adyen-hmac.js';

/** A standard notification's item (`notificationItems[].NotificationRequestItem`), as far as we read it. */
export interface AdyenNotificationItem extends AdyenSignedFields {
  readonly eventDate?: string;
  readonly reason?: string;
  readonly additionalData?: Readonly<Record<string, string>>;
}

/** The event codes we act on; others (REPORT_AVAILABLE, CHARGEBACK, ...) are acknowledged and left alone. */
const KINDS: Readonly<Record<string, { kind: NotificationKind; success?: false }>> = {
  AUTHORISATION: { kind: 'authorisation' },
  CAPTURE: { kind: 'capture' },
  CAPTURE_FAILED: { kind: 'capture', success: false },
  REFUND: { kind: 'refund' },
  REFUND_FAILED: { kind: 'refund', success: false },
  CANCELLATION: { kind: 'cancel' },
};

const isItem = (value: unknown): value is AdyenNotificationItem => {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  const amount = item.amount as Record<string, unknown> | undefined;
  return (
    typeof item.pspReference === 'string' &&
    typeof item.merchantAccountCode === 'string' &&
    typeof item.merchantReference === 'string' &&
    typeof item.eventCode === 'string' &&
    typeof item.success === 'string' &&
    typeof amount === 'object' &&
    amount !== null &&
    typeof amount.value === 'number' &&
    typeof amount.currency === 'string'
  );
};

const isoUtc = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
};

/**
 * Verifies every item's HMAC (one bad item refuses the whole batch: nothing of a tampered request is applied) and
 * normalises the items we act on. Adyen expects `[accepted]` back, or it resends.
 */
export const parseAdyenNotifications = (hmacKey: string, rawBody: string): ParsedWebhook => {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new DomainError('INVALID_WEBHOOK', 'the Adyen notification is not JSON');
  }
  const wrapped = (body as { notificationItems?: unknown }).notificationItems;
  if (!Array.isArray(wrapped))
    throw new DomainError('INVALID_WEBHOOK', 'the Adyen notification has no notificationItems');
  const items = wrapped.map(
    (entry) => (entry as { NotificationRequestItem?: unknown }).NotificationRequestItem,
  );
  if (!items.every(isItem))
    throw new DomainError('INVALID_WEBHOOK', 'an Adyen NotificationRequestItem lacks a signed field');
  for (const item of items)
    if (!isValidAdyenSignature(hmacKey, item, item.additionalData?.hmacSignature))
      throw new DomainError(
        'WEBHOOK_SIGNATURE_INVALID',
        `Adyen notification ${item.pspReference}: the HMAC signature does not verify`,
      );
  const notifications = items.flatMap((item): ProviderNotification[] => {
    const known = KINDS[item.eventCode];
    if (known === undefined) return [];
    const { paymentId, sequence } = parseOperationReference(item.merchantReference);
    const occurredAt = isoUtc(item.eventDate);
    return [
      {
        id: `${item.eventCode}:${item.pspReference}:${item.success}`,
        paymentId,
        kind: known.kind,
        ...(sequence === undefined ? {} : { sequence }),
        success: known.success ?? item.success === 'true',
        providerReference: item.pspReference,
        ...(item.reason === undefined || item.reason === '' ? {} : { reason: item.reason }),
        ...(occurredAt === undefined ? {} : { occurredAt }),
      },
    ];
  });
  return { notifications, acknowledgement: '[accepted]' };
};
