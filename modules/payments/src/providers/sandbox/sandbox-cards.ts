/**
 * The sandbox's test cards: the payment method token decides the outcome, so every path of the order saga can be
 * driven on purpose. Any token not listed authorises at once. The README lists the same table.
 */
export type SandboxBehaviour =
  /** Authorised in the response (and an AUTHORISATION webhook follows, as Adyen sends one too). */
  | { readonly authorise: 'authorised'; readonly captures?: 'fail' }
  | { readonly authorise: 'refused'; readonly reason: string }
  | { readonly authorise: 'failed'; readonly reason: string }
  /** Pending in the response; `then` arrives later by webhook, or never. */
  | { readonly authorise: 'pending'; readonly then: 'authorised' | 'refused' | 'never' }
  /** The provider cannot be reached: PROVIDER_UNAVAILABLE, nothing recorded beyond the request. */
  | { readonly authorise: 'unavailable' };

export const SANDBOX_CARDS: Readonly<Record<string, SandboxBehaviour & { readonly description: string }>> = {
  '4111111111111111': {
    authorise: 'authorised',
    description: 'authorised; captures, refunds and cancels succeed',
  },
  '4000000000000002': { authorise: 'refused', reason: 'Refused', description: 'refused by the issuer' },
  '4000000000009995': {
    authorise: 'refused',
    reason: 'Insufficient funds',
    description: 'refused: insufficient funds',
  },
  '4000000000000119': { authorise: 'failed', reason: 'Acquirer Error', description: 'fails with an error' },
  '4000000000003220': {
    authorise: 'pending',
    then: 'authorised',
    description: 'pending, authorised later by webhook',
  },
  '4000000000003238': {
    authorise: 'pending',
    then: 'refused',
    description: 'pending, refused later by webhook',
  },
  '4000000000005126': {
    authorise: 'pending',
    then: 'never',
    description: 'pending, never answers (payment timeout)',
  },
  '4000000000000259': {
    authorise: 'authorised',
    captures: 'fail',
    description: 'authorised; every capture fails',
  },
  '4000000000000069': { authorise: 'unavailable', description: 'the provider is unreachable (503)' },
};

export const sandboxBehaviour = (token: string): SandboxBehaviour =>
  SANDBOX_CARDS[token.replace(/[\s-]/g, '')] ?? { authorise: 'authorised' };
