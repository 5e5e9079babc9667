import type { DecidedEvent } from '@omnistream/kernel';
import type { SagaCommand } from './saga-command.js';
import type { AnySaga } from './saga-definition.js';
import { isSagaFrameworkEvent, type SagaCommandIssued } from './saga-events.js';

export type SagaStatus = 'new' | 'running' | 'completed' | 'compensated' | 'failed';

/** One entry of the compensation stack, oldest first. */
export interface SagaStepRecord {
  readonly step: string;
  readonly commandId: string;
  readonly command: SagaCommand;
  readonly compensation?: SagaCommand;
  readonly status: 'issued' | 'completed' | 'failed' | 'compensated';
}

export interface PendingTimer {
  readonly timerId: string;
  readonly timer: string;
  readonly dueAt: string;
  readonly payload: unknown;
}

/** A saga instance as its stream tells it: the framework's view around the saga's own state. */
export interface SagaInstance<State = unknown> {
  readonly sagaName: string;
  readonly instanceId: string;
  /** The saga stream's version: the expected version of the next append. */
  readonly version: number;
  readonly status: SagaStatus;
  readonly endReason?: string;
  /** The starting input's correlation id: commands caused by timers carry it too. */
  readonly correlationId?: string;
  readonly state: State;
  readonly steps: readonly SagaStepRecord[];
  readonly commands: readonly SagaCommandIssued['data'][];
  readonly timers: readonly PendingTimer[];
  /** Ids of every input recorded: the inbox. */
  readonly inputs: ReadonlySet<string>;
  /** How often each timer name was scheduled: the next scheduling's id derives from it. */
  readonly schedulings: ReadonlyMap<string, number>;
}

export const newInstance = (saga: AnySaga, instanceId: string): SagaInstance => ({
  sagaName: saga.name,
  instanceId,
  version: 0,
  status: 'new',
  state: saga.initialState(),
  steps: [],
  commands: [],
  timers: [],
  inputs: new Set(),
  schedulings: new Map(),
});

const withStep = (
  steps: readonly SagaStepRecord[],
  step: string,
  change: (record: SagaStepRecord) => SagaStepRecord,
): readonly SagaStepRecord[] => steps.map((record) => (record.step === step ? change(record) : record));

/** Folds one stored event (framework or the saga's own) into the instance; the version is the caller's. */
export const evolveInstance = (saga: AnySaga, instance: SagaInstance, event: DecidedEvent): SagaInstance => {
  if (!isSagaFrameworkEvent(event)) return { ...instance, state: saga.evolve(instance.state, event) };
  switch (event.type) {
    case 'SagaInputReceived': {
      const { inputId, kind, correlationId } = event.data;
      return {
        ...instance,
        ...(instance.correlationId === undefined && correlationId !== undefined ? { correlationId } : {}),
        status: instance.status === 'new' ? 'running' : instance.status,
        inputs: new Set([...instance.inputs, inputId]),
        // A timer that fired is no longer pending.
        timers: kind === 'timer' ? instance.timers.filter((t) => t.timerId !== inputId) : instance.timers,
      };
    }
    case 'SagaCommandIssued': {
      const issued = event.data;
      const commands = [...instance.commands, issued];
      if (issued.role === 'compensation')
        return {
          ...instance,
          commands,
          steps: withStep(instance.steps, issued.step, (r) => ({ ...r, status: 'compensated' })),
        };
      const record: SagaStepRecord = {
        step: issued.step,
        commandId: issued.commandId,
        command: { target: issued.target, type: issued.command.type, data: issued.command.data },
        ...(issued.compensation === undefined ? {} : { compensation: issued.compensation }),
        status: 'issued',
      };
      // A re-sent step keeps its place on the stack: its compensation order is that of its first sending.
      const known = instance.steps.some((r) => r.step === issued.step);
      const steps = known ? withStep(instance.steps, issued.step, () => record) : [...instance.steps, record];
      return { ...instance, commands, steps };
    }
    case 'SagaStepCompleted':
      return {
        ...instance,
        steps: withStep(instance.steps, event.data.step, (r) => ({ ...r, status: 'completed' })),
      };
    case 'SagaStepFailed':
      return {
        ...instance,
        steps: withStep(instance.steps, event.data.step, (r) => ({ ...r, status: 'failed' })),
      };
    case 'SagaTimerScheduled': {
      const timer = event.data;
      const schedulings = new Map(instance.schedulings);
      schedulings.set(timer.timer, (schedulings.get(timer.timer) ?? 0) + 1);
      const timers = [...instance.timers.filter((t) => t.timer !== timer.timer), { ...timer }];
      return { ...instance, timers, schedulings };
    }
    case 'SagaTimerCancelled':
      return { ...instance, timers: instance.timers.filter((t) => t.timerId !== event.data.timerId) };
    case 'SagaEnded':
      return {
        ...instance,
        status: event.data.status,
        ...(event.data.reason === undefined ? {} : { endReason: event.data.reason }),
      };
  }
};

export const isEnded = (instance: SagaInstance): boolean =>
  instance.status === 'completed' || instance.status === 'compensated' || instance.status === 'failed';
