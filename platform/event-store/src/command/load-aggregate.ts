import type { Command, DecidedEvent, Decider } from '@omnistream/kernel';
import type { EventStore } from '../event-store.js';

/** Events per read: bounded, so a very long stream without a snapshot still loads in constant memory per page. */
const PAGE_SIZE = 1000;

export interface LoadedAggregate<State> {
  readonly state: State;
  /** The stream's version the state reflects; 0 when the stream does not exist. */
  readonly version: number;
}

/** Folds the stream's events after `start.version` onto `start.state` (the initial state or a snapshot). */
export const loadAggregate = async <State, E extends DecidedEvent>(
  store: Pick<EventStore, 'readStream'>,
  decider: Pick<Decider<State, Command, E>, 'evolve'>,
  streamId: string,
  start: LoadedAggregate<State>,
): Promise<LoadedAggregate<State>> => {
  let { state, version } = start;
  for (;;) {
    const events = await store.readStream(streamId, { from: version + 1, maxCount: PAGE_SIZE });
    for (const event of events) {
      // The handler is the stream's only writer, so its events are this decider's (upcast to today's shape).
      state = decider.evolve(state, event as unknown as E);
      version = event.version;
    }
    if (events.length < PAGE_SIZE) return { state, version };
  }
};
