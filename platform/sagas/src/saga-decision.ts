import type { DecidedEvent } from '@omnistream/kernel';
import type { SagaStep } from './saga-command.js';

/** A durable timer to set; re-scheduling a pending name replaces it. */
export interface TimerRequest {
  readonly timer: string;
  /** ISO 8601 UTC. */
  readonly dueAt: string;
  readonly payload?: unknown;
}

/**
 * How a saga instance ends. `compensated` first issues the compensation of every step that was issued and not
 * marked failed, newest first: a step whose reply never came may have taken effect, and compensations are
 * idempotent, so undoing it is the safe side.
 */
export type SagaEnd =
  | { readonly status: 'completed' }
  | { readonly status: 'compensated'; readonly reason: string }
  | { readonly status: 'failed'; readonly reason: string };

/**
 * What a saga decides for one input. Applied in this order: the saga's own events, step outcomes, commands to
 * send, timers to cancel, timers to schedule, the end. An empty decision records nothing, not even the input.
 */
export interface SagaDecision<E extends DecidedEvent = DecidedEvent> {
  /** The saga's private state changes, past tense; types starting with `Saga` are reserved. */
  readonly events?: readonly E[];
  readonly completed?: readonly string[];
  /** Steps known not to have taken effect: they are not compensated. */
  readonly failed?: readonly string[];
  readonly send?: readonly SagaStep[];
  readonly cancel?: readonly string[];
  readonly schedule?: readonly TimerRequest[];
  readonly end?: SagaEnd;
}

export const nothing: SagaDecision<never> = Object.freeze({});

/** Ends the saga by undoing what it did: the `compensate` decision. */
export const compensate = <E extends DecidedEvent>(
  reason: string,
  decision: Omit<SagaDecision<E>, 'end'> = {},
): SagaDecision<E> => ({ ...decision, end: { status: 'compensated', reason } });

export const complete = <E extends DecidedEvent>(
  decision: Omit<SagaDecision<E>, 'end'> = {},
): SagaDecision<E> => ({ ...decision, end: { status: 'completed' } });

export const isEmptyDecision = (decision: SagaDecision<DecidedEvent>): boolean =>
  (decision.events?.length ?? 0) === 0 &&
  (decision.completed?.length ?? 0) === 0 &&
  (decision.failed?.length ?? 0) === 0 &&
  (decision.send?.length ?? 0) === 0 &&
  (decision.cancel?.length ?? 0) === 0 &&
  (decision.schedule?.length ?? 0) === 0 &&
  decision.end === undefined;
