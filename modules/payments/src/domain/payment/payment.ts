import type { Decider } from '@omnistream/kernel';
import { decideAuthorise, decideRecordAuthorisation } from './decide-authorisation.js';
import { decideCancel, decideCapture, decideRefund } from './decide-modification.js';
import { decideRecordOutcome, decideRecordSubmission } from './decide-outcome.js';
import { evolvePayment } from './evolve-payment.js';
import type { PaymentCommand } from './payment-commands.js';
import type { PaymentEvent } from './payment-events.js';
import { initialPayment, type Payment } from './payment-state.js';

/**
 * The payment aggregate (stream `payment-<paymentId>`). It records intents before the provider is called and the
 * provider's answers after, so the effectful edge can always tell what to (re)send: every command is idempotent
 * under redelivery, and a capture or refund is never asked twice under one id.
 */
export const payment: Decider<Payment, PaymentCommand, PaymentEvent> = {
  initialState: initialPayment,
  decide: (command, state) => {
    switch (command.type) {
      case 'AuthorisePayment':
        return decideAuthorise(command.data, state, command.metadata.now);
      case 'RecordAuthorisation':
        return decideRecordAuthorisation(command.data, state);
      case 'CapturePayment':
        return decideCapture(command.data, state, command.metadata.now);
      case 'RefundPayment':
        return decideRefund(command.data, state, command.metadata.now);
      case 'CancelPayment':
        return decideCancel(state, command.metadata.now);
      case 'RecordSubmission':
        return decideRecordSubmission(command.data, state);
      case 'RecordOperationOutcome':
        return decideRecordOutcome(command.data, state);
    }
  },
  evolve: evolvePayment,
};

export const paymentStreamId = (paymentId: string): string => `payment-${paymentId}`;
