import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@omnistream/kernel';
import { parseOperationReference } from '../operation-reference.js';
import type { NotificationKind, ParsedWebhook, ProviderNotification } from '../payment-provider.js';

export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';

/** One item of a sandbox webhook. Our own format, shaped like the normalised notification. */
export interface SandboxNotificationItem {
  readonly id: string;
  readonly kind: NotificationKind;
  /** Our reference: the payment id, or `<paymentId>.<operation>.<sequence>`. */
  readonly reference: string;
  readonly providerReference: string;
  readonly success: boolean;
  readonly reason?: string;
  readonly occurredAt: string;
}

/** Hex HMAC-SHA256 of the raw body under the sandbox's secret. */
export const signSandboxBody = (secret: string, rawBody: string): string =>
  createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');

const invalid = (why: string) =>
  new DomainError('WEBHOOK_SIGNATURE_INVALID', `sandbox webhook refused: ${why}`);

const KINDS = new Set<string>(['authorisation', 'capture', 'refund', 'cancel']);

const isItem = (value: unknown): value is SandboxNotificationItem => {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    typeof item.id === 'string' &&
    typeof item.kind === 'string' &&
    KINDS.has(item.kind) &&
    typeof item.reference === 'string' &&
    typeof item.providerReference === 'string' &&
    typeof item.success === 'boolean' &&
    typeof item.occurredAt === 'string' &&
    (item.reason === undefined || typeof item.reason === 'string')
  );
};

/** Verifies the signature over the exact bytes received, then reads the items. */
export const parseSandboxWebhook = (
  secret: string,
  rawBody: string,
  headers: Readonly<Record<string, string | undefined>>,
): ParsedWebhook => {
  const given = headers[SANDBOX_SIGNATURE_HEADER] ?? '';
  const expected = Buffer.from(signSandboxBody(secret, rawBody), 'hex');
  const received = /^[0-9a-f]{64}$/.test(given) ? Buffer.from(given, 'hex') : Buffer.alloc(0);
  if (received.length !== expected.length || !timingSafeEqual(received, expected))
    throw invalid(`${SANDBOX_SIGNATURE_HEADER} does not match the body`);
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new DomainError('INVALID_WEBHOOK', 'the sandbox webhook body is not JSON');
  }
  const items = (body as { notifications?: unknown }).notifications;
  if (!Array.isArray(items) || !items.every(isItem))
    throw new DomainError('INVALID_WEBHOOK', 'the sandbox webhook has no valid notifications array');
  const notifications = items.map((item): ProviderNotification => {
    const { paymentId, sequence } = parseOperationReference(item.reference);
    return {
      id: item.id,
      paymentId,
      kind: item.kind,
      ...(sequence === undefined ? {} : { sequence }),
      success: item.success,
      providerReference: item.providerReference,
      ...(item.reason === undefined ? {} : { reason: item.reason }),
      occurredAt: item.occurredAt,
    };
  });
  return { notifications, acknowledgement: '[accepted]' };
};
