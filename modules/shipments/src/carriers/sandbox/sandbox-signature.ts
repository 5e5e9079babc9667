import { createHmac, timingSafeEqual } from 'node:crypto';

export const SANDBOX_SIGNATURE_HEADER = 'omnistream-sandbox-signature';

/** How old a signed webhook may be: older ones are refused, so a captured one cannot be replayed later. */
const TOLERANCE_MS = 5 * 60_000;

const mac = (secret: string, timestamp: string, rawBody: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');

/**
 * The sandbox's webhook signature: `t=<unix ms>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, the scheme of Stripe's
 * webhooks. Signing the timestamp with the body is what lets the receiver refuse replays.
 */
export const signSandboxWebhook = (secret: string, rawBody: string, atMs: number): string =>
  `t=${atMs},v1=${mac(secret, String(atMs), rawBody)}`;

/** Why the signature does not verify, or undefined when it does. */
export const sandboxSignatureProblem = (
  secret: string,
  rawBody: string,
  header: string | undefined,
  nowMs: number,
): string | undefined => {
  if (header === undefined) return `the ${SANDBOX_SIGNATURE_HEADER} header is missing`;
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = parts.get('t');
  const signature = parts.get('v1');
  if (timestamp === undefined || signature === undefined || !/^\d+$/.test(timestamp))
    return 'the signature header is not t=<ms>,v1=<hex>';
  if (Math.abs(nowMs - Number(timestamp)) > TOLERANCE_MS)
    return 'the signature is too old or from the future';
  const expected = Buffer.from(mac(secret, timestamp, rawBody), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? undefined
    : 'the signature does not match';
};
