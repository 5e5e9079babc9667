import { describe, it, expect } from 'vitest';
import type { Command, Decider } from './decider.js';
import { decideSpec } from './decider-spec.js';
import { DomainError } from './domain-error.js';

type Counter = { readonly value: number };
type Add = Command<'Add', { readonly amount: number }>;
type Added = { readonly type: 'Added'; readonly data: { readonly amount: number } };

const counter: Decider<Counter, Add, Added> = {
  initialState: () => ({ value: 0 }),
  decide: (command, state) => {
    if (state.value + command.data.amount > 10) throw new DomainError('COUNTER_FULL', 'at most 10');
    return [{ type: 'Added', data: { amount: command.data.amount } }];
  },
  evolve: (state, event) => ({ value: state.value + event.data.amount }),
};
const add = (amount: number): Add => ({
  type: 'Add',
  data: { amount },
  metadata: { now: '2026-01-01T00:00:00Z' },
});
const added = (amount: number): Added => ({ type: 'Added', data: { amount } });

describe('decideSpec', () => {
  it('passes when the decider emits the expected events', () =>
    decideSpec(counter)
      .given([added(3)])
      .when(add(2))
      .then([added(2)]));

  it('passes when the decider rejects with the expected code', () =>
    decideSpec(counter)
      .given([added(9)])
      .when(add(2))
      .thenRejects('COUNTER_FULL'));

  it('fails when the decider emits other events', () =>
    expect(() =>
      decideSpec(counter)
        .given([])
        .when(add(1))
        .then([added(2)]),
    ).toThrow());

  it('fails when a rejection was expected but events were emitted', () =>
    expect(() => decideSpec(counter).given([]).when(add(1)).thenRejects('COUNTER_FULL')).toThrow(
      /expected the command/,
    ));
});
