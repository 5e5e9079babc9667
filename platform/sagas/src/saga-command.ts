/**
 * A command a saga sends to another context. Imperative (`ReserveStock`), addressed to the context that owns it
 * (`inventory`); the outbox routes it to that context's `<target>.commands` topic.
 */
export interface SagaCommand<Type extends string = string, Data = unknown> {
  readonly target: string;
  readonly type: Type;
  readonly data: Data;
}

/**
 * One forward step (STYLE.md 5): its name is stable within the saga instance and derives the command id, so
 * re-sending a step sends the same command id and the target can ignore the repeat. The compensation undoes the
 * command's effect and must be idempotent, because it may run for a command whose outcome is unknown.
 */
export interface SagaStep {
  readonly step: string;
  readonly command: SagaCommand;
  readonly compensation?: SagaCommand;
}
