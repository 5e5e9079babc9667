import { DomainError, isDomainError } from '@omnistream/kernel';
import { parseSourcingRequest } from '../domain/sourcing/parse-sourcing-request.js';
import type { SourcingRequest } from '../domain/sourcing/sourcing-request.js';

const MAX_PROBLEMS = 20;

/** One SourcingRequest per line (JSON Lines); blank lines are skipped. Throws DomainError INVALID_ORDERS by line. */
export const parseOrdersJsonl = (text: string): SourcingRequest[] => {
  const orders: SourcingRequest[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || problems.length >= MAX_PROBLEMS) return;
    try {
      orders.push(parseSourcingRequest(JSON.parse(line)));
    } catch (error) {
      if (error instanceof SyntaxError) problems.push(`line ${index + 1}: not JSON (${error.message})`);
      else if (isDomainError(error)) problems.push(`line ${index + 1}: ${error.message}`);
      else throw error;
    }
  });
  if (problems.length > 0) throw new DomainError('INVALID_ORDERS', problems.join('\n'));
  if (orders.length === 0) throw new DomainError('INVALID_ORDERS', 'no orders: the file has no lines');
  return orders;
};
