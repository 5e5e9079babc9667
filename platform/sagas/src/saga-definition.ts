import { DomainError, type DecidedEvent, type EventEnvelope } from '@omnistream/kernel';
import type { SagaDecision } from './saga-decision.js';
import type { SagaContext, SagaInput } from './saga-input.js';

/** Which saga instance an event belongs to, and whether it may start that instance. */
export interface SagaCorrelation {
  readonly instanceId: string;
  /** Only a starting event creates an instance; others for an unknown instance are ignored. */
  readonly starts?: boolean;
}

/**
 * A process manager as a pure decider (STYLE.md 2 and 5): inputs are events and timer firings, outputs are the
 * saga's own events, commands with their compensations, and timer requests. No I/O, clock or randomness.
 *
 * Members are methods, not function properties, so that a concrete saga is assignable to `AnySaga` (method
 * parameters are compared bivariantly); the runtime only ever hands a saga its own state back.
 */
export interface SagaDefinition<State, E extends DecidedEvent = DecidedEvent> {
  /** The saga stream's category: a letter, then letters, digits or _ (no '-'); stable, it names the streams. */
  readonly name: string;
  correlate(event: EventEnvelope): SagaCorrelation | undefined;
  initialState(): State;
  evolve(state: State, event: E): State;
  decide(input: SagaInput, state: State, context: SagaContext): SagaDecision<E>;
}

export type AnySaga = SagaDefinition<unknown, DecidedEvent>;

const SAGA_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export const assertSagaName = (name: string): string => {
  if (!SAGA_NAME.test(name))
    throw new DomainError(
      'INVALID_SAGA_NAME',
      `saga name ${JSON.stringify(name)} must be a letter, then letters, digits or _ (it is a stream category)`,
    );
  return name;
};

/** `<sagaName>-<instanceId>` (STYLE.md 4): the saga name is the stream category. */
export const sagaStreamId = (sagaName: string, instanceId: string): string => `${sagaName}-${instanceId}`;
