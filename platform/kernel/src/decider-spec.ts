import { deepStrictEqual, fail } from 'node:assert/strict';
import type { Command, DecidedEvent, Decider } from './decider.js';
import { fold } from './decider.js';
import { isDomainError } from './domain-error.js';

/**
 * Given/when/then for deciders (STYLE.md 14):
 * `decideSpec(decider).given([...events]).when(command).then([...events])` or `.thenRejects('CODE')`.
 */
export const decideSpec = <State, C extends Command, E extends DecidedEvent>(
  decider: Decider<State, C, E>,
) => ({
  given: (events: readonly E[]) => ({
    when: (command: C) => {
      const run = () => decider.decide(command, fold(decider, decider.initialState(), events));
      return {
        then: (expected: readonly E[]): void => deepStrictEqual(run(), expected),
        thenRejects: (code: string): void => {
          try {
            run();
          } catch (error) {
            if (isDomainError(error, code)) return;
            throw error;
          }
          fail(`expected the command to be rejected with ${code}`);
        },
      };
    },
  }),
});
