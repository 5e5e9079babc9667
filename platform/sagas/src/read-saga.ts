import type { EventStore } from '@omnistream/event-store';
import type { DecidedEvent } from '@omnistream/kernel';
import { foldSagaStream, readSagaStream } from './load-saga-instance.js';
import { sagaStreamId, type AnySaga, type SagaDefinition } from './saga-definition.js';
import type { SagaInputReceived } from './saga-events.js';
import type { SagaInstance } from './saga-instance.js';

/** One decision: the input that caused it and every event it appended, in order. */
export interface SagaDecisionRecord {
  readonly input: SagaInputReceived['data'];
  /** Stream version of the input record. */
  readonly version: number;
  readonly events: readonly DecidedEvent[];
}

export type SagaView<State> = Omit<SagaInstance<State>, 'inputs' | 'schedulings'> & {
  readonly history: readonly SagaDecisionRecord[];
};

/**
 * A saga instance for the API and the console: state, status, compensation stack, issued commands, pending
 * timers and every decision. Undefined when the instance never started. Reads committed data only.
 */
export const readSaga = async <State, E extends DecidedEvent>(
  store: Pick<EventStore, 'readStream'>,
  saga: SagaDefinition<State, E>,
  instanceId: string,
): Promise<SagaView<State> | undefined> => {
  const any = saga as unknown as AnySaga;
  const events = await readSagaStream(store, sagaStreamId(saga.name, instanceId));
  if (events.length === 0) return undefined;
  const { inputs: _inputs, schedulings: _schedulings, ...instance } = foldSagaStream(any, instanceId, events);
  const history: SagaDecisionRecord[] = [];
  for (const { type, data, version } of events) {
    if (type === 'SagaInputReceived')
      history.push({ input: data as SagaInputReceived['data'], version, events: [] });
    else (history.at(-1)?.events as DecidedEvent[] | undefined)?.push({ type, data });
  }
  return { ...(instance as SagaInstance<State>), history };
};
