import { describe, expect, it } from 'vitest';
import { causalOrder, type CausalNode } from './causal-order.js';

const event = (id: string, at: number, causationId: string | null = null): CausalNode => ({
  id,
  causationId,
  occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, at)),
});
const ids = (events: readonly CausalNode[]) => causalOrder(events).map((e) => e.id);

describe('causalOrder', () => {
  it('orders unrelated events by time, then id', () => {
    expect(ids([event('c', 2), event('b', 1), event('a', 1)])).toEqual(['a', 'b', 'c']);
  });

  it('puts an event after its cause even when its clock says earlier', () => {
    expect(ids([event('reaction', 1, 'cause'), event('cause', 5), event('other', 3)])).toEqual([
      'other',
      'cause',
      'reaction',
    ]);
  });

  it('interleaves branches by time once their causes are out', () => {
    expect(
      ids([
        event('placed', 0),
        event('reserved', 2, 'placed'),
        event('paid', 1, 'placed'),
        event('shipped', 3, 'reserved'),
        event('receipt', 4, 'paid'),
      ]),
    ).toEqual(['placed', 'paid', 'reserved', 'shipped', 'receipt']);
  });

  it('treats a cause outside the journey, or the event itself, as no cause', () => {
    expect(ids([event('b', 1, 'missing'), event('a', 2, 'a')])).toEqual(['b', 'a']);
  });

  it('returns every event of a cycle once, earliest first, and what hangs off it after', () => {
    expect(ids([event('x', 3, 'y'), event('y', 1, 'x'), event('z', 0, 'x')])).toEqual(['y', 'x', 'z']);
  });
});
