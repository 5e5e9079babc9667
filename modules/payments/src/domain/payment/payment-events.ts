import type { DecidedEvent } from '@omnistream/kernel';
import type { PaymentEventDataByType } from '@omnistream/contracts/payments';
import type { OperationKind } from './payment-state.js';

/** Private: the provider took an operation and named it; its outcome arrives later (a notification). */
export interface PaymentOperationSubmitted {
  readonly paymentId: string;
  readonly operation: OperationKind;
  readonly sequence: number;
  readonly providerReference: string;
}

type Public = {
  [Type in keyof PaymentEventDataByType]: DecidedEvent<Type, PaymentEventDataByType[Type]>;
}[keyof PaymentEventDataByType];

/** Every event of a payment stream: the public ones (contracts/payments) and the private submission record. */
export type PaymentEvent = Public | DecidedEvent<'PaymentOperationSubmitted', PaymentOperationSubmitted>;
