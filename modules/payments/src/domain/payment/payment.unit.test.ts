import { describe, it } from 'vitest';
import { decideSpec } from '@omnistream/kernel';
import {
  authorise,
  authorised,
  cancel,
  cancellationRequested,
  capture,
  captureRequested,
  captured,
  now,
  outcome,
  pending,
  recordAuthorisation,
  refund,
  refundRequested,
  refunded,
  requested,
  submitted,
} from './payment.fixture.js';
import { payment } from './payment.js';

const spec = decideSpec(payment);
const given = spec.given;
const ids = { paymentId: 'p-1', orderId: 'o-1' };

describe('authorising a payment', () => {
  it('records the request before the provider is asked', () => given([]).when(authorise()).then([requested]));

  it('adds nothing when the same request is delivered again', () =>
    given([requested, authorised]).when(authorise()).then([]));

  it('refuses another amount under the same payment id', () =>
    given([requested])
      .when(authorise({ amount: 9_999 }))
      .thenRejects('PAYMENT_REQUEST_CONFLICT'));

  it.each([
    ['a zero amount', { amount: 0 }, 'INVALID_PAYMENT_AMOUNT'],
    ['a fractional amount', { amount: 10.5 }, 'INVALID_PAYMENT_AMOUNT'],
    ['a lower-case currency', { currency: 'eur' }, 'INVALID_PAYMENT_CURRENCY'],
    ['a market that is no country code', { market: 'Netherlands' }, 'INVALID_MARKET'],
    ['a payment id with a dot', { paymentId: 'p.1' }, 'INVALID_PAYMENT_ID'],
  ])('refuses %s', (_case, change, code) => given([]).when(authorise(change)).thenRejects(code));

  it('records the authorisation the provider answered', () =>
    given([requested]).when(recordAuthorisation('authorised')).then([authorised]));

  it('records a refusal with its reason', () =>
    given([requested])
      .when(recordAuthorisation('refused', 'Insufficient funds'))
      .then([
        {
          type: 'PaymentRefused',
          data: { ...ids, reason: 'Insufficient funds', providerReference: 'psp-1', refusedAt: now },
        },
      ]));

  it('records an error as a failure', () =>
    given([requested])
      .when(recordAuthorisation('failed', 'Acquirer Error'))
      .then([
        {
          type: 'PaymentFailed',
          data: { ...ids, reason: 'Acquirer Error', providerReference: 'psp-1', failedAt: now },
        },
      ]));

  it('records a pending answer, then the outcome that follows it', () => {
    given([requested]).when(recordAuthorisation('pending')).then([pending]);
    given([requested, pending]).when(recordAuthorisation('authorised')).then([authorised]);
  });

  it('keeps the first final answer: a webhook repeating it or contradicting it adds nothing', () => {
    given([requested, authorised]).when(recordAuthorisation('authorised')).then([]);
    given([requested, authorised]).when(recordAuthorisation('refused')).then([]);
    given([requested, authorised]).when(recordAuthorisation('pending')).then([]);
  });

  it('knows no answer for a payment that does not exist', () =>
    given([]).when(recordAuthorisation('authorised')).thenRejects('PAYMENT_NOT_FOUND'));
});

describe('capturing a payment', () => {
  it('captures all of an authorised payment when no amount is given', () =>
    given([requested, authorised])
      .when(capture('full'))
      .then([captureRequested('full', 1, 10_000)]));

  it('never asks for the same capture twice', () =>
    given([requested, authorised, captureRequested('full', 1, 10_000)])
      .when(capture('full'))
      .then([]));

  it('never captures twice once the capture went through', () =>
    given([requested, authorised, captureRequested('full', 1, 10_000), captured('full', 1, 10_000, 10_000)])
      .when(capture('full'))
      .then([]));

  it('captures in parts, each under its own id, up to the authorised amount', () =>
    given([requested, authorised, captureRequested('ship-1', 1, 6_000), captured('ship-1', 1, 6_000, 6_000)])
      .when(capture('ship-2', 4_000))
      .then([captureRequested('ship-2', 2, 4_000)]));

  it('refuses to capture more than is left, counting captures in flight', () =>
    given([requested, authorised, captureRequested('ship-1', 1, 6_000)])
      .when(capture('ship-2', 4_001))
      .thenRejects('PAYMENT_AMOUNT_EXCEEDED'));

  it('refuses an amount in another currency', () =>
    given([requested, authorised])
      .when(capture('c', 100, 'GBP'))
      .thenRejects('PAYMENT_CURRENCY_MISMATCH'));

  it('refuses another amount under an id already used', () =>
    given([requested, authorised, captureRequested('ship-1', 1, 6_000)])
      .when(capture('ship-1', 5_000))
      .thenRejects('PAYMENT_CAPTURE_CONFLICT'));

  it('records a capture the provider failed', () =>
    given([requested, authorised, captureRequested('full', 1, 10_000), submitted('capture', 1, 'cap-1')])
      .when(outcome('capture', 1, false))
      .then([
        {
          type: 'PaymentCaptureFailed',
          data: {
            ...ids,
            captureId: 'full',
            sequence: 1,
            amount: 10_000,
            currency: 'EUR',
            reason: 'Insufficient balance on payment',
            failedAt: now,
          },
        },
      ]));

  it('asks again after a failed capture with the next sequence', () =>
    given([
      requested,
      authorised,
      captureRequested('full', 1, 10_000),
      {
        type: 'PaymentCaptureFailed',
        data: {
          ...ids,
          captureId: 'full',
          sequence: 1,
          amount: 10_000,
          currency: 'EUR',
          reason: 'x',
          failedAt: now,
        },
      },
    ])
      .when(capture('full'))
      .then([captureRequested('full', 2, 10_000)]));

  it('refuses to capture a payment that is not authorised', () => {
    given([requested, pending]).when(capture('full')).thenRejects('PAYMENT_NOT_AUTHORISED');
    given([]).when(capture('full')).thenRejects('PAYMENT_NOT_FOUND');
  });

  it('records the capture once, found by the reference the provider gave it', () => {
    const inFlight = [
      requested,
      authorised,
      captureRequested('full', 1, 10_000),
      submitted('capture', 1, 'cap-1'),
    ];
    given(inFlight)
      .when(outcome('capture', undefined, true, 'cap-1'))
      .then([captured('full', 1, 10_000, 10_000)]);
    given([...inFlight, captured('full', 1, 10_000, 10_000)])
      .when(outcome('capture', 1, true, 'cap-1'))
      .then([]);
  });
});

describe('refunding a payment', () => {
  const capturedAll = [
    requested,
    authorised,
    captureRequested('full', 1, 10_000),
    captured('full', 1, 10_000, 10_000),
  ];

  it('refunds part of what was captured, then the rest', () => {
    given(capturedAll)
      .when(refund('r-1', 2_500))
      .then([refundRequested('r-1', 1, 2_500)]);
    given([...capturedAll, refundRequested('r-1', 1, 2_500), refunded('r-1', 1, 2_500, 2_500)])
      .when(refund('r-2'))
      .then([refundRequested('r-2', 2, 7_500)]);
  });

  it('never refunds more than was captured', () => {
    given([requested, authorised]).when(refund('r-1')).thenRejects('PAYMENT_AMOUNT_EXCEEDED');
    given([...capturedAll, refundRequested('r-1', 1, 8_000)])
      .when(refund('r-2', 2_001))
      .thenRejects('PAYMENT_AMOUNT_EXCEEDED');
  });

  it('adds nothing when a refund is delivered again', () =>
    given([...capturedAll, refundRequested('r-1', 1, 2_500)])
      .when(refund('r-1', 2_500))
      .then([]));

  it('refuses a refund in another currency', () =>
    given(capturedAll)
      .when(refund('r-1', 100, 'USD'))
      .thenRejects('PAYMENT_CURRENCY_MISMATCH'));

  it('keeps the refunded total with each refund', () =>
    given([
      ...capturedAll,
      refundRequested('r-1', 1, 2_500),
      refunded('r-1', 1, 2_500, 2_500),
      refundRequested('r-2', 2, 1_000),
    ])
      .when(outcome('refund', 2, true, 'ref-2'))
      .then([refunded('r-2', 2, 1_000, 3_500)]));
});

describe('cancelling a payment', () => {
  it('asks the provider to void an authorisation', () =>
    given([requested, authorised])
      .when(cancel())
      .then([cancellationRequested(1)]));

  it('is a no-op the second time, and once cancelled', () => {
    given([requested, authorised, cancellationRequested(1)])
      .when(cancel())
      .then([]);
    given([requested, authorised, cancellationRequested(1)])
      .when(outcome('cancel', 1, true, 'can-1'))
      .then([
        {
          type: 'PaymentCancelled',
          data: { ...ids, sequence: 1, providerReference: 'can-1', cancelledAt: now },
        },
      ]);
  });

  it('is a no-op for a payment that was refused', () =>
    given([requested, { type: 'PaymentRefused', data: { ...ids, reason: 'Refused', refusedAt: now } }])
      .when(cancel())
      .then([]));

  it('cancels at once a payment the provider never answered', () =>
    given([requested])
      .when(cancel())
      .then([
        cancellationRequested(1),
        { type: 'PaymentCancelled', data: { ...ids, sequence: 1, cancelledAt: now } },
      ]));

  it('voids a pending payment through the provider', () =>
    given([requested, pending])
      .when(cancel())
      .then([cancellationRequested(1)]));

  it('refuses to cancel a captured payment: that is a refund', () =>
    given([requested, authorised, captureRequested('full', 1, 10_000)])
      .when(cancel())
      .thenRejects('PAYMENT_NOT_CANCELLABLE'));

  it('refuses captures while a cancellation is under way', () =>
    given([requested, authorised, cancellationRequested(1)])
      .when(capture('full'))
      .thenRejects('PAYMENT_BEING_CANCELLED'));

  it('ignores an authorisation that arrives after the payment was cancelled', () =>
    given([
      requested,
      cancellationRequested(1),
      { type: 'PaymentCancelled', data: { ...ids, sequence: 1, cancelledAt: now } },
    ])
      .when(recordAuthorisation('authorised'))
      .then([]));
});

describe('answers from providers', () => {
  it('are refused when they come from another provider than the payment’s', () =>
    given([requested])
      .when({
        type: 'RecordAuthorisation',
        data: { outcome: 'authorised', providerReference: 'x', at: now, provider: 'adyen' },
        metadata: { now },
      })
      .thenRejects('PAYMENT_PROVIDER_MISMATCH'));
});
