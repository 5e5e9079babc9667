/**
 * The record the ingest benchmark produces: order-ish, seven fields, two of them marked for tokenization. Text
 * fields may hold `{n}` (a number unique within a load run) that the load generator fills in per request.
 */
export const orderRecordSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'BenchIngestOrder',
  type: 'object',
  properties: {
    orderId: { type: 'string' },
    customerId: { type: 'string' },
    email: { type: 'string', 'x-omnistream-sensitive': 'email' },
    phone: { type: 'string', 'x-omnistream-sensitive': 'phone' },
    amount: { type: 'integer' },
    currency: { type: 'string' },
    store: { type: 'string' },
  },
  required: ['orderId', 'customerId', 'email', 'phone', 'amount', 'currency', 'store'],
  additionalProperties: false,
} as const;

/** Record keys are plain strings. */
export const orderKeySchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'string',
} as const;

export interface OrderRecord {
  readonly orderId: string;
  readonly customerId: string;
  readonly email: string;
  readonly phone: string;
  readonly amount: number;
  readonly currency: string;
  readonly store: string;
}

/** Every cleartext email the benchmark sends ends so: a sampled value that still does was not tokenized. */
export const CLEARTEXT_EMAIL_DOMAIN = '@example.com';

/** The `index`-th record of a request; `{n}` keeps ids unique across requests. */
export const orderRecord = (prefix: string, index: number): OrderRecord => ({
  orderId: `${prefix}-{n}-${index}`,
  customerId: `customer-{n}-${index}`,
  email: `customer-{n}-${index}${CLEARTEXT_EMAIL_DOMAIN}`,
  phone: `+4420${String(7_000_000 + index).padStart(8, '0')}`,
  amount: 1_000 + index,
  currency: 'GBP',
  store: `store-${index % 20}`,
});
