import { describe, expect, it } from 'vitest';
import { toNewEvents } from './to-new-events.js';

describe('toNewEvents', () => {
  it('copies correlation, causation, trace and actor from the command and stamps its time as occurredAt', () => {
    const events = toNewEvents([{ type: 'MoneyDeposited', data: { amount: 5 } }], {
      now: '2026-03-01T10:00:00.000Z',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      actor: 'user:ada',
      idempotencyKey: 'not-for-events',
    });
    expect(events).toEqual([
      {
        type: 'MoneyDeposited',
        data: { amount: 5 },
        metadata: {
          occurredAt: '2026-03-01T10:00:00.000Z',
          correlationId: 'corr-1',
          causationId: 'cause-1',
          traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          actor: 'user:ada',
        },
      },
    ]);
  });

  it('leaves out what the command did not carry instead of storing undefined', () => {
    const [event] = toNewEvents([{ type: 'MoneyDeposited', data: { amount: 5 } }], {
      now: '2026-03-01T10:00:00.000Z',
    });
    expect(Object.keys(event?.metadata ?? {})).toEqual(['occurredAt']);
  });

  it('gives no event an id, so the store assigns a fresh UUIDv7 on every attempt', () => {
    const events = toNewEvents(
      [
        { type: 'A', data: 1 },
        { type: 'B', data: 2 },
      ],
      { now: '2026-03-01T10:00:00.000Z' },
    );
    expect(events.map((e) => e.id)).toEqual([undefined, undefined]);
  });
});
