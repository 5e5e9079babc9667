import { Type } from '@sinclair/typebox';
import { PAYMENT_ID_PATTERN } from '../domain/payment/check-payment-request.js';

// Shapes only: the rules with reasons (amount range, currency, ids) are the decider's, so every caller, HTTP or
// saga, gets the same messages.

export const PaymentId = Type.String({
  pattern: PAYMENT_ID_PATTERN,
  description: '1 to 64 letters, digits, _ or -',
});
const OperationId = Type.String({ description: '1 to 64 letters, digits, _ or -' });
const Amount = Type.Integer({ description: 'Integer minor units, e.g. 1999 for 19.99 EUR' });
const Currency = Type.String({ description: 'ISO 4217, e.g. EUR', examples: ['EUR'] });

export const CreatePaymentBody = Type.Object(
  {
    paymentId: Type.Optional({ ...PaymentId, description: 'Your id for the payment; generated when absent' }),
    orderId: Type.String({ minLength: 1, maxLength: 128 }),
    amount: Amount,
    currency: Currency,
    market: Type.String({
      description: 'ISO 3166-1 alpha-2, e.g. NL; with the method it chooses the provider',
    }),
    paymentMethod: Type.Object(
      {
        type: Type.String({ description: 'card, paypal, klarna, ...', examples: ['card'] }),
        token: Type.String({
          minLength: 1,
          maxLength: 4096,
          description:
            "The provider's token for the means of payment; a test card number in the sandbox. Never stored.",
        }),
        shopperReference: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const CaptureBody = Type.Object(
  {
    captureId: Type.Optional({
      ...OperationId,
      description: 'Names the capture (e.g. a shipment id); a repeat is a no-op. Default "default".',
    }),
    amount: Type.Optional({ ...Amount, description: 'Defaults to all that is left to capture' }),
    currency: Type.Optional({ ...Currency, description: "When given, must be the payment's" }),
  },
  { additionalProperties: false },
);

export const RefundBody = Type.Object(
  {
    refundId: Type.Optional({
      ...OperationId,
      description: 'Names the refund (e.g. a return id); a repeat is a no-op. Default "default".',
    }),
    amount: Type.Optional({ ...Amount, description: 'Defaults to all that was captured and not refunded' }),
    currency: Type.Optional({ ...Currency, description: "When given, must be the payment's" }),
  },
  { additionalProperties: false },
);

const Operation = Type.Object({
  id: Type.String(),
  sequence: Type.Integer(),
  amount: Type.Integer(),
  status: Type.Union([
    Type.Literal('requested'),
    Type.Literal('submitted'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
  ]),
  providerReference: Type.Optional(Type.String()),
});

export const Payment = Type.Object(
  {
    paymentId: Type.String(),
    orderId: Type.String(),
    status: Type.String({
      description:
        'authorisation_requested, pending, authorised, refused, failed, cancelled, partially_captured, captured, partially_refunded, refunded',
    }),
    amount: Type.Integer(),
    currency: Type.String(),
    market: Type.String(),
    method: Type.String(),
    provider: Type.String(),
    providerReference: Type.Optional(Type.String()),
    captured: Type.Integer(),
    refunded: Type.Integer(),
    captures: Type.Array(Operation),
    refunds: Type.Array(Operation),
    cancellations: Type.Array(Operation),
    version: Type.Integer(),
  },
  { $id: 'Payment', title: 'Payment' },
);

export const PaymentWithHistory = Type.Object({
  payment: Type.Ref('Payment'),
  history: Type.Array(
    Type.Object({
      version: Type.Integer(),
      type: Type.String(),
      at: Type.String({ format: 'date-time' }),
      data: Type.Unknown(),
    }),
  ),
});

export const PaymentList = Type.Object({ items: Type.Array(Type.Ref('Payment')) });
