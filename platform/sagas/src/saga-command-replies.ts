import type { EventEnvelope } from '@omnistream/kernel';
import type { SagaCorrelation } from './saga-definition.js';

/** Who a saga command came from and which step it was: carried into the reply so the saga can match it. */
export interface SagaCommandOrigin {
  readonly commandId: string;
  readonly saga: string;
  readonly instanceId: string;
  readonly step: string;
  readonly role: 'forward' | 'compensation';
}

/** The target applied the command; `result` is what the executor returned (JSON), null when nothing. */
export interface SagaCommandSucceeded extends SagaCommandOrigin {
  readonly result: unknown;
}

/** The target refused the command for a business reason (a DomainError code): retrying would not help. */
export interface SagaCommandRejected extends SagaCommandOrigin {
  readonly code: string;
  readonly message: string;
}

export type SagaCommandReply =
  | { readonly type: 'SagaCommandSucceeded'; readonly data: SagaCommandSucceeded }
  | { readonly type: 'SagaCommandRejected'; readonly data: SagaCommandRejected };

/** Replies live on their own stream per command, written once by the target's command consumer. */
export const sagaReplyStreamId = (commandId: string): string => `sagareply-${commandId}`;

export const isSagaCommandReply = (event: Pick<EventEnvelope, 'type'>): boolean =>
  event.type === 'SagaCommandSucceeded' || event.type === 'SagaCommandRejected';

/** For a saga's `correlate`: the instance a reply to one of its commands belongs to. */
export const correlateSagaReply = (sagaName: string, event: EventEnvelope): SagaCorrelation | undefined => {
  if (!isSagaCommandReply(event)) return undefined;
  const data = event.data as SagaCommandOrigin;
  return data.saga === sagaName ? { instanceId: data.instanceId } : undefined;
};
