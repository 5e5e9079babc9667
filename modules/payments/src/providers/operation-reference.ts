import type { NotificationKind } from './payment-provider.js';

/**
 * Our reference at the provider: the payment id for the authorisation, `<paymentId>.<operation>.<sequence>` for a
 * modification. Payment ids have no dots, so it parses back unambiguously. Wire format: never change it, or
 * notifications about operations already sent stop matching.
 */
export const operationReference = (paymentId: string, kind: NotificationKind, sequence?: number): string =>
  kind === 'authorisation' || sequence === undefined ? paymentId : `${paymentId}.${kind}.${sequence}`;

export const parseOperationReference = (
  reference: string,
): { paymentId: string; kind?: NotificationKind; sequence?: number } => {
  const [paymentId = '', kind, sequence] = reference.split('.');
  if (kind === 'capture' || kind === 'refund' || kind === 'cancel') {
    const n = Number(sequence);
    return Number.isSafeInteger(n) && n > 0 ? { paymentId, kind, sequence: n } : { paymentId, kind };
  }
  return { paymentId };
};
