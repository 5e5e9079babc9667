import { beforeAll, describe, expect, it } from 'vitest';
import { fold, type NewEvent } from '@omnistream/kernel';
import { compileJsonSchema, type Contract } from '@omnistream/schema-registry';
import {
  authorise,
  cancel,
  capture,
  outcome,
  recordAuthorisation,
  refund,
} from './domain/payment/payment.fixture.js';
import type { PaymentCommand } from './domain/payment/payment-commands.js';
import type { PaymentEvent } from './domain/payment/payment-events.js';
import { payment } from './domain/payment/payment.js';
import { loadContextContracts } from '@omnistream/testing';

const run = (commands: readonly PaymentCommand[]): PaymentEvent[] => {
  const events: PaymentEvent[] = [];
  for (const command of commands)
    events.push(...payment.decide(command, fold(payment, payment.initialState(), events)));
  return events;
};

const sub = (
  type: 'RecordSubmission',
  operation: 'capture' | 'refund' | 'cancel',
  sequence: number,
): PaymentCommand => ({
  type,
  data: { operation, sequence, providerReference: `${operation}-${sequence}` },
  metadata: { now: '2026-03-01T10:00:00.000Z' },
});

// Every event the decider can decide, through every path.
const decided: PaymentEvent[] = [
  ...run([
    authorise(),
    recordAuthorisation('pending'),
    recordAuthorisation('authorised'),
    capture('ship-1', 4_000),
    sub('RecordSubmission', 'capture', 1),
    outcome('capture', 1, true),
    capture('ship-2'),
    outcome('capture', 2, false),
    refund('r-1', 1_000),
    outcome('refund', 1, true),
    refund('r-2', 500),
    outcome('refund', 2, false),
  ]),
  ...run([authorise(), recordAuthorisation('refused', 'Insufficient funds')]),
  ...run([authorise(), recordAuthorisation('failed', 'Acquirer Error')]),
  ...run([
    authorise(),
    recordAuthorisation('authorised'),
    cancel(),
    outcome('cancel', 1, false),
    cancel(),
    outcome('cancel', 2, true, 'c-2'),
  ]),
];

describe('the payments contracts', () => {
  let contracts: Contract[];
  beforeAll(async () => {
    contracts = await loadContextContracts('payments');
  });

  it('cover every public event the decider decides (the submission record stays private)', () => {
    const types = new Set(decided.map((e) => e.type).filter((type) => type !== 'PaymentOperationSubmitted'));
    expect([...types].sort()).toEqual(contracts.map((c) => c.eventType).sort());
  });

  it('accept every public event the decider decides', () => {
    const validators = new Map(contracts.map((c) => [c.eventType, compileJsonSchema(c.schema)]));
    for (const event of decided as NewEvent[]) {
      const validate = validators.get(event.type);
      if (validate === undefined) continue;
      expect(validate(event.data), `${event.type}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('refuse a fractional amount and an unknown field', () => {
    const validate = compileJsonSchema(contracts.find((c) => c.eventType === 'PaymentCaptured')!.schema);
    const captured = decided.find((e) => e.type === 'PaymentCaptured')!;
    expect(validate({ ...(captured.data as object), amount: 1.5 })).toBe(false);
    expect(validate({ ...(captured.data as object), cardNumber: '4111' })).toBe(false);
  });
});
