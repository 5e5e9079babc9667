import { DomainError } from '@omnistream/kernel';

/** The carrier could not be reached or was not able to answer now: the caller may retry. */
export const carrierUnavailable = (carrier: string, detail: string): DomainError =>
  new DomainError('PROVIDER_UNAVAILABLE', `carrier ${carrier} is unavailable: ${detail}`, { carrier });

/** The carrier answered in a way we cannot use. */
export const carrierError = (carrier: string, detail: string): DomainError =>
  new DomainError('PROVIDER_ERROR', `carrier ${carrier} answered unexpectedly: ${detail}`, { carrier });

/** The carrier refused the request as it is (an address it cannot serve, a label already in its network). */
export const carrierRejected = (carrier: string, detail: string): DomainError =>
  new DomainError('CARRIER_REJECTED', `carrier ${carrier} refused: ${detail}`, { carrier });

export const webhookSignatureInvalid = (carrier: string, detail: string): DomainError =>
  new DomainError('WEBHOOK_SIGNATURE_INVALID', `webhook from ${carrier} refused: ${detail}`, { carrier });
