import { DomainError } from '@omnistream/kernel';

export const priceListNotFound = (priceListId: string): DomainError =>
  new DomainError('PRICE_LIST_NOT_FOUND', `there is no price list ${priceListId}`, { priceListId });
