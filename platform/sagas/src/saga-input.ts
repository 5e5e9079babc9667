import type { EventEnvelope } from '@omnistream/kernel';

/** An event from the feed or the bus that `correlate` routed to this saga instance. */
export interface SagaEventInput {
  readonly kind: 'event';
  /** The input event's id: recorded in the saga stream, so a redelivery is recognised and ignored. */
  readonly id: string;
  readonly event: EventEnvelope;
}

/** A durable timer that came due. */
export interface SagaTimerInput {
  readonly kind: 'timer';
  /** The timer's id: one per scheduling, so a re-scheduled timer fires again but a redelivered firing does not. */
  readonly id: string;
  readonly timer: string;
  readonly dueAt: string;
  readonly payload: unknown;
}

export type SagaInput = SagaEventInput | SagaTimerInput;

/** What a saga's `decide` knows besides the input and its state; time arrives here, never from a clock. */
export interface SagaContext {
  readonly sagaName: string;
  readonly instanceId: string;
  /** ISO 8601 UTC: when the runtime processed the input. */
  readonly now: string;
}
