/**
 * The shape of every aggregate and saga (STYLE.md 2): pure functions, no I/O, no clock, no randomness.
 * `decide` turns a command and the current state into new events, or throws a DomainError.
 */
export interface CommandMetadata {
  /** ISO 8601 UTC time the command was accepted; deciders read time from here, never from a clock. */
  readonly now: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly traceparent?: string;
  readonly actor?: string;
  readonly [key: string]: unknown;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

export interface DecidedEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface Decider<State, C extends Command, E extends DecidedEvent> {
  readonly initialState: () => State;
  readonly decide: (command: C, state: State) => readonly E[];
  readonly evolve: (state: State, event: E) => State;
}

/** Folds events into state; what the command handler does after loading a stream. */
export const fold = <State, E extends DecidedEvent>(
  decider: Pick<Decider<State, Command, E>, 'evolve'>,
  state: State,
  events: Iterable<E>,
): State => {
  let current = state;
  for (const event of events) current = decider.evolve(current, event);
  return current;
};
