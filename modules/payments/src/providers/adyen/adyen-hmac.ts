import { createHmac, timingSafeEqual } from 'node:crypto';

/** The fields of a standard notification item that Adyen signs. */
export interface AdyenSignedFields {
  readonly pspReference: string;
  readonly originalReference?: string;
  readonly merchantAccountCode: string;
  readonly merchantReference: string;
  readonly amount: { readonly value: number; readonly currency: string };
  readonly eventCode: string;
  readonly success: string;
}

/**
 * Adyen's HMAC for standard webhooks ("Verify HMAC signatures", Adyen docs): HMAC-SHA256, keyed with the hex key
 * decoded to bytes, over pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:
 * eventCode:success (absent values empty), Base64-encoded. Wire format: fixed by Adyen.
 */
export const adyenSignature = (hexKey: string, item: AdyenSignedFields): string => {
  const payload = [
    item.pspReference,
    item.originalReference ?? '',
    item.merchantAccountCode,
    item.merchantReference,
    String(item.amount.value),
    item.amount.currency,
    item.eventCode,
    item.success,
  ].join(':');
  return createHmac('sha256', Buffer.from(hexKey, 'hex')).update(payload, 'utf8').digest('base64');
};

/** Compares in constant time, so the signature cannot be guessed byte by byte from response times. */
export const isValidAdyenSignature = (
  hexKey: string,
  item: AdyenSignedFields,
  given: string | undefined,
): boolean => {
  if (given === undefined) return false;
  const expected = Buffer.from(adyenSignature(hexKey, item), 'base64');
  const received = Buffer.from(given, 'base64');
  return received.length === expected.length && timingSafeEqual(received, expected);
};
