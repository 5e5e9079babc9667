import { DomainError, type DecidedEvent, type EventMetadata, type NewEvent } from '@omnistream/kernel';
import { commandIdOf, timerIdOf } from './derive-id.js';
import type { SagaStep } from './saga-command.js';
import { isEmptyDecision, type SagaDecision } from './saga-decision.js';
import { sagaStreamId, type AnySaga } from './saga-definition.js';
import { isReservedEventType, type SagaFrameworkEvent } from './saga-events.js';
import type { SagaInput } from './saga-input.js';
import { evolveInstance, isEnded, type SagaInstance } from './saga-instance.js';

export interface ProcessedInput {
  /** What to append to the saga stream, in order; empty when the input changes nothing. */
  readonly events: readonly NewEvent[];
  /** The instance after those events. */
  readonly instance: SagaInstance;
}

/** Why an input is ignored without a trace; undefined when it is to be decided. */
const ignored = (instance: SagaInstance, input: SagaInput, starts: boolean): string | undefined => {
  if (isEnded(instance)) return 'ended';
  if (instance.inputs.has(input.id)) return 'redelivered';
  if (input.kind === 'timer' && !instance.timers.some((t) => t.timerId === input.id)) return 'stale timer';
  if (instance.status === 'new' && !(input.kind === 'event' && starts)) return 'not started';
  return undefined;
};

/**
 * The pure core of the runtime and of `sagaSpec`: decide on one input and turn the decision into the saga
 * stream's events (inbox record, own events, step outcomes, commands, timers, end), with deterministic command
 * and timer ids. Time arrives as `now`; nothing here reads a clock.
 */
export const processInput = (
  saga: AnySaga,
  instance: SagaInstance,
  input: SagaInput,
  { starts, now }: { readonly starts: boolean; readonly now: string },
): ProcessedInput => {
  if (ignored(instance, input, starts) !== undefined) return { events: [], instance };
  const context = { sagaName: saga.name, instanceId: instance.instanceId, now };
  const decision: SagaDecision<DecidedEvent> = saga.decide(input, instance.state, context);
  // A timer firing is always recorded: it consumes the timer even when the saga has nothing to say about it.
  if (isEmptyDecision(decision) && input.kind === 'event') return { events: [], instance };

  const streamId = sagaStreamId(saga.name, instance.instanceId);
  const correlationId =
    input.kind === 'event' ? (input.event.metadata.correlationId ?? input.event.id) : instance.correlationId;
  const metadata: EventMetadata = {
    ...(correlationId === undefined ? {} : { correlationId }),
    causationId: input.id,
    occurredAt: now,
  };
  const events: NewEvent[] = [];
  let current = instance;
  const emit = (event: DecidedEvent): void => {
    events.push({ type: event.type, data: event.data, metadata });
    current = evolveInstance(saga, current, event);
  };
  const framework = (event: SagaFrameworkEvent): void => emit(event);
  const knownStep = (step: string): string => {
    if (!current.steps.some((r) => r.step === step))
      throw new DomainError('SAGA_UNKNOWN_STEP', `saga ${streamId} has sent no step ${step}`, { step });
    return step;
  };
  const issue = (
    { step, command, compensation }: SagaStep,
    role: 'forward' | 'compensation',
  ): SagaFrameworkEvent => ({
    type: 'SagaCommandIssued',
    data: {
      commandId: commandIdOf(streamId, step, role),
      saga: saga.name,
      instanceId: instance.instanceId,
      step,
      role,
      target: command.target,
      command: { type: command.type, data: command.data },
      ...(role === 'forward' && compensation !== undefined ? { compensation } : {}),
      issuedAt: now,
    },
  });

  framework({
    type: 'SagaInputReceived',
    data: {
      inputId: input.id,
      kind: input.kind,
      name: input.kind === 'event' ? input.event.type : input.timer,
      ...(input.kind === 'event' ? { source: input.event.streamId } : {}),
      ...(correlationId === undefined ? {} : { correlationId }),
      at: now,
    },
  });
  for (const event of decision.events ?? []) {
    if (isReservedEventType(event.type))
      throw new DomainError(
        'SAGA_EVENT_TYPE_RESERVED',
        `saga event types starting with Saga are reserved: ${event.type}`,
      );
    emit(event);
  }
  for (const step of decision.completed ?? [])
    framework({ type: 'SagaStepCompleted', data: { step: knownStep(step) } });
  for (const step of decision.failed ?? [])
    framework({ type: 'SagaStepFailed', data: { step: knownStep(step) } });
  for (const step of decision.send ?? []) framework(issue(step, 'forward'));
  const cancel = (names: readonly string[]) => {
    for (const timer of current.timers.filter((t) => names.includes(t.timer)))
      framework({ type: 'SagaTimerCancelled', data: { timerId: timer.timerId, timer: timer.timer } });
  };
  cancel(decision.cancel ?? []);
  for (const { timer, dueAt, payload = null } of decision.schedule ?? []) {
    const due = Date.parse(dueAt);
    if (Number.isNaN(due))
      throw new DomainError(
        'SAGA_INVALID_TIMER',
        `timer ${timer} of ${streamId} is due at ${dueAt}, not a time`,
      );
    const timerId = timerIdOf(streamId, timer, (current.schedulings.get(timer) ?? 0) + 1);
    framework({
      type: 'SagaTimerScheduled',
      data: { timerId, timer, dueAt: new Date(due).toISOString(), payload },
    });
  }
  const end = decision.end;
  if (end !== undefined) {
    if (end.status === 'compensated')
      for (const record of [...current.steps].reverse())
        if (
          record.compensation !== undefined &&
          (record.status === 'issued' || record.status === 'completed')
        )
          framework(issue({ step: record.step, command: record.compensation }, 'compensation'));
    // An ended saga waits for nothing.
    cancel(current.timers.map((t) => t.timer));
    framework({
      type: 'SagaEnded',
      data: { status: end.status, ...(end.status === 'completed' ? {} : { reason: end.reason }), at: now },
    });
  }
  return { events, instance: { ...current, version: instance.version + events.length } };
};
