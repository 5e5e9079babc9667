import { deepStrictEqual, fail } from 'node:assert/strict';
import { isDomainError, type DecidedEvent, type EventEnvelope, type NewEvent } from '@omnistream/kernel';
import type { SagaCommand } from './saga-command.js';
import type { SagaDefinition } from './saga-definition.js';
import type { TimerRequest } from './saga-decision.js';
import { isSagaFrameworkEvent, type SagaFrameworkEvent } from './saga-events.js';
import type { SagaInput } from './saga-input.js';
import { newInstance, type SagaInstance, type SagaStatus } from './saga-instance.js';
import { processInput } from './process-input.js';

/** An input in a spec: an event, or the firing of the pending timer with that name (at its due time). */
export type SpecInput = EventEnvelope | { readonly timer: string };

export interface SagaExpectation {
  /** Every command sent for the `when` input, forward and compensation, in order. Defaults to none. */
  readonly commands?: readonly SagaCommand[];
  /** Timers scheduled. Defaults to none. */
  readonly timers?: readonly TimerRequest[];
  /** Timer names cancelled; checked when given. */
  readonly cancelled?: readonly string[];
  /** The saga's own events; checked when given. */
  readonly events?: readonly DecidedEvent[];
  /** Checked when given. */
  readonly status?: SagaStatus;
}

const framework = (events: readonly NewEvent[]): SagaFrameworkEvent[] =>
  events.filter((e): e is NewEvent & SagaFrameworkEvent => isSagaFrameworkEvent(e));

const commandsIn = (events: readonly NewEvent[], role?: 'forward' | 'compensation'): SagaCommand[] =>
  framework(events).flatMap((e) =>
    e.type === 'SagaCommandIssued' && (role === undefined || e.data.role === role)
      ? [{ target: e.data.target, type: e.data.command.type, data: e.data.command.data }]
      : [],
  );

/**
 * Given/when/then for sagas (STYLE.md 14), mirroring `decideSpec`: inputs go through the same pure core as the
 * runtime (correlation, inbox, compensation stack, timer ids), so a spec that passes describes what runs.
 * `sagaSpec(saga).given([...inputs]).when(input).then({ commands, timers, status })` or `.thenCompensates([...])`.
 */
export const sagaSpec = <State, E extends DecidedEvent>(definition: SagaDefinition<State, E>) => {
  const saga = definition as unknown as SagaDefinition<unknown, DecidedEvent>;
  const apply = (instance: SagaInstance | undefined, input: SpecInput) => {
    if ('timer' in input) {
      const pending = instance?.timers.find((t) => t.timer === input.timer);
      if (instance === undefined || pending === undefined) return fail(`no pending timer ${input.timer}`);
      const fired: SagaInput = {
        kind: 'timer',
        id: pending.timerId,
        timer: pending.timer,
        dueAt: pending.dueAt,
        payload: pending.payload,
      };
      return processInput(saga, instance, fired, { starts: false, now: pending.dueAt });
    }
    const correlation = saga.correlate(input);
    if (correlation === undefined) return { events: [], instance };
    if (instance !== undefined && correlation.instanceId !== instance.instanceId)
      fail(`${input.type} correlates with ${correlation.instanceId}, not ${instance.instanceId}`);
    const from = instance ?? newInstance(saga, correlation.instanceId);
    const now = input.metadata.occurredAt ?? input.recordedAt;
    return processInput(
      saga,
      from,
      { kind: 'event', id: input.id, event: input },
      { starts: correlation.starts === true, now },
    );
  };
  return {
    given: (inputs: readonly SpecInput[]) => ({
      when: (input: SpecInput) => {
        const run = () => {
          let instance: SagaInstance | undefined;
          for (const past of inputs) instance = apply(instance, past).instance;
          return apply(instance, input);
        };
        return {
          then: (expected: SagaExpectation): void => {
            const { events, instance } = run();
            const fw = framework(events);
            deepStrictEqual(commandsIn(events), expected.commands ?? [], 'commands');
            const timers = fw.flatMap((e) =>
              e.type === 'SagaTimerScheduled'
                ? [
                    {
                      timer: e.data.timer,
                      dueAt: e.data.dueAt,
                      ...(e.data.payload === null ? {} : { payload: e.data.payload }),
                    },
                  ]
                : [],
            );
            deepStrictEqual(timers, expected.timers ?? [], 'timers');
            if (expected.cancelled !== undefined)
              deepStrictEqual(
                fw.flatMap((e) => (e.type === 'SagaTimerCancelled' ? [e.data.timer] : [])),
                expected.cancelled,
                'cancelled',
              );
            if (expected.events !== undefined)
              deepStrictEqual(
                events.filter((e) => !isSagaFrameworkEvent(e)).map(({ type, data }) => ({ type, data })),
                expected.events,
                'events',
              );
            if (expected.status !== undefined) deepStrictEqual(instance?.status, expected.status, 'status');
          },
          /** The saga ends compensated, sending exactly these compensations (newest step first). */
          thenCompensates: (compensations: readonly SagaCommand[]): void => {
            const { events, instance } = run();
            deepStrictEqual(commandsIn(events, 'compensation'), compensations, 'compensations');
            deepStrictEqual(instance?.status, 'compensated', 'status');
          },
          /** The input leaves no trace: a redelivery, a stale timer, an ended saga, or nothing to decide. */
          thenIgnores: (): void => deepStrictEqual(run().events, [], 'events appended'),
          thenRejects: (code: string): void => {
            try {
              run();
            } catch (error) {
              if (isDomainError(error, code)) return;
              throw error;
            }
            fail(`expected the input to be rejected with ${code}`);
          },
        };
      },
    }),
  };
};
