import { describe, expect, it } from 'vitest';
import type { DecidedEvent } from '@omnistream/kernel';
import { commandIdOf } from './derive-id.js';
import { envelope, orderFulfilment, placed } from './order-fulfilment.fixture.js';
import { processInput } from './process-input.js';
import type { SagaDecision } from './saga-decision.js';
import type { AnySaga, SagaDefinition } from './saga-definition.js';
import { newInstance } from './saga-instance.js';
import { sagaSpec } from './saga-spec.js';

const saga = orderFulfilment as unknown as AnySaga;
const now = '2026-03-01T10:00:00.000Z';
const start = (instanceId: string) =>
  processInput(
    saga,
    newInstance(saga, instanceId),
    { kind: 'event', id: `in-${instanceId}`, event: envelope(placed(instanceId)) },
    { starts: true, now },
  );

/** A saga that decides whatever the test hands it. */
const scripted = (decision: SagaDecision<DecidedEvent>): SagaDefinition<null> => ({
  name: 'scripted',
  correlate: () => ({ instanceId: 'x', starts: true }),
  initialState: () => null,
  evolve: (state) => state,
  decide: () => decision,
});

describe('processing a saga input', () => {
  it('derives the same command id for the same step of the same instance, and another for another instance', () => {
    const [first, again, other] = [start('o1'), start('o1'), start('o2')].map(
      ({ instance }) => instance.commands[0]?.commandId,
    );
    expect(first).toBe(again);
    expect(first).toBe(commandIdOf('orderFulfilment-o1', 'reserveStock', 'forward'));
    expect(first).not.toBe(other);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('records the input first, so the stream is the inbox, and stamps causation and correlation on every event', () => {
    const { events } = start('o1');
    expect(events[0]?.type).toBe('SagaInputReceived');
    for (const event of events)
      expect(event.metadata).toEqual({ correlationId: 'corr-o1', causationId: 'in-o1', occurredAt: now });
  });

  it('refuses saga events whose type is reserved for the framework', () =>
    sagaSpec(scripted({ events: [{ type: 'SagaSomething', data: {} }] }))
      .given([])
      .when(envelope(placed('x')))
      .thenRejects('SAGA_EVENT_TYPE_RESERVED'));

  it('refuses to mark a step completed that was never sent', () =>
    sagaSpec(scripted({ completed: ['nope'] }))
      .given([])
      .when(envelope(placed('x')))
      .thenRejects('SAGA_UNKNOWN_STEP'));

  it('skips steps without a compensation when compensating', () =>
    sagaSpec(
      scripted({
        send: [
          {
            step: 'a',
            command: { target: 't', type: 'DoA', data: {} },
            compensation: { target: 't', type: 'UndoA', data: {} },
          },
          { step: 'notify', command: { target: 'n', type: 'Notify', data: {} } },
        ],
        end: { status: 'compensated', reason: 'test' },
      }),
    )
      .given([])
      .when(envelope(placed('x')))
      .then({
        commands: [
          { target: 't', type: 'DoA', data: {} },
          { target: 'n', type: 'Notify', data: {} },
          { target: 't', type: 'UndoA', data: {} },
        ],
        status: 'compensated',
      }));
});

describe('sagaSpec', () => {
  it('fails when the saga sends other commands than expected', () =>
    expect(() =>
      sagaSpec(orderFulfilment)
        .given([])
        .when(envelope(placed('o1')))
        .then({ commands: [] }),
    ).toThrow(/commands/));

  it('fails when a rejection was expected but the saga decided', () =>
    expect(() =>
      sagaSpec(orderFulfilment)
        .given([])
        .when(envelope(placed('o1')))
        .thenRejects('ANY_CODE'),
    ).toThrow(/expected the input to be rejected/));
});
