/**
 * The framework's events in a saga stream. A WIRE CONTRACT: the outbox relay publishes `SagaCommandIssued` to
 * other contexts, and the API and console read all of them. Change additively only; never rename a type or a field.
 * The saga's own events sit beside these with their own types; types starting with `Saga` are reserved.
 */
import type { SagaCommand } from './saga-command.js';

export interface SagaInputReceived {
  readonly type: 'SagaInputReceived';
  readonly data: {
    /** The input event's id or the timer's id: the saga stream is its own inbox. */
    readonly inputId: string;
    readonly kind: 'event' | 'timer';
    /** The event's type, or the timer's name. */
    readonly name: string;
    /** The input event's stream; absent for timers. */
    readonly source?: string;
    /** The input's correlation id; a timer carries the one of the input that started the instance. */
    readonly correlationId?: string;
    readonly at: string;
  };
}

export interface SagaCommandIssued {
  readonly type: 'SagaCommandIssued';
  readonly data: {
    /** Derived from the saga stream, the step and the role: the same step always sends the same id. */
    readonly commandId: string;
    readonly saga: string;
    readonly instanceId: string;
    readonly step: string;
    readonly role: 'forward' | 'compensation';
    /** The context that handles the command; the relay publishes to `<target>.commands`, key = instanceId. */
    readonly target: string;
    readonly command: { readonly type: string; readonly data: unknown };
    /** On forward commands: what will undo it. */
    readonly compensation?: SagaCommand;
    readonly issuedAt: string;
  };
}

export interface SagaStepCompleted {
  readonly type: 'SagaStepCompleted';
  readonly data: { readonly step: string };
}

export interface SagaStepFailed {
  readonly type: 'SagaStepFailed';
  readonly data: { readonly step: string };
}

export interface SagaTimerScheduled {
  readonly type: 'SagaTimerScheduled';
  readonly data: {
    readonly timerId: string;
    readonly timer: string;
    readonly dueAt: string;
    readonly payload: unknown;
  };
}

export interface SagaTimerCancelled {
  readonly type: 'SagaTimerCancelled';
  readonly data: { readonly timerId: string; readonly timer: string };
}

export interface SagaEnded {
  readonly type: 'SagaEnded';
  readonly data: {
    readonly status: 'completed' | 'compensated' | 'failed';
    readonly reason?: string;
    readonly at: string;
  };
}

export type SagaFrameworkEvent =
  | SagaInputReceived
  | SagaCommandIssued
  | SagaStepCompleted
  | SagaStepFailed
  | SagaTimerScheduled
  | SagaTimerCancelled
  | SagaEnded;

const FRAMEWORK_TYPES: ReadonlySet<string> = new Set<SagaFrameworkEvent['type']>([
  'SagaInputReceived',
  'SagaCommandIssued',
  'SagaStepCompleted',
  'SagaStepFailed',
  'SagaTimerScheduled',
  'SagaTimerCancelled',
  'SagaEnded',
]);

export const isSagaFrameworkEvent = (event: { readonly type: string }): event is SagaFrameworkEvent =>
  FRAMEWORK_TYPES.has(event.type);

/** Reserved so that a saga's own event can never be mistaken for one of the framework's. */
export const isReservedEventType = (type: string): boolean => type.startsWith('Saga');
