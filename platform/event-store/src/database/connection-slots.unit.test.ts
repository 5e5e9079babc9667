import { describe, expect, it } from 'vitest';
import { createConnectionSlots } from './connection-slots.js';

/** A promise with its resolve and reject at hand. */
const deferred = <T = void>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

const slotsOf = (size: number) => {
  let next = 0;
  return createConnectionSlots(size, () => ({ id: next++ }));
};

describe('connection slots', () => {
  it('sends each statement to the slot with the fewest in flight', async () => {
    const slots = slotsOf(3);
    const used: number[] = [];
    const gates = Array.from({ length: 5 }, () => deferred());
    const running = gates.map((gate) =>
      slots.statement(async (client) => {
        used.push(client.id);
        await gate.promise;
      }),
    );
    await settle();
    expect(used).toEqual([0, 1, 2, 0, 1]);
    for (const gate of gates) gate.resolve();
    await Promise.all(running);
  });

  it('keeps a transaction alone on its slot, preferring an idle one', async () => {
    const slots = slotsOf(2);
    const busy = deferred();
    const statement = slots.statement(() => busy.promise); // slot 0 has one in flight
    const inside = deferred();
    let transactionSlot = -1;
    const transaction = slots.transaction(async (client) => {
      transactionSlot = client.id;
      await inside.promise;
    });
    await settle();
    expect(transactionSlot).toBe(1);
    const during: number[] = [];
    await Promise.all(
      [1, 2, 3].map(() =>
        slots.statement((client) => {
          during.push(client.id);
          return Promise.resolve();
        }),
      ),
    );
    expect(during).toEqual([0, 0, 0]);
    inside.resolve();
    busy.resolve();
    await Promise.all([statement, transaction]);
  });

  it('makes work wait, in arrival order, while every slot is in a transaction', async () => {
    const slots = slotsOf(1);
    const first = deferred();
    const order: string[] = [];
    const holding = slots.transaction(async () => {
      order.push('transaction 1');
      await first.promise;
    });
    const statement = slots.statement(() => {
      order.push('statement');
      return Promise.resolve();
    });
    const second = slots.transaction(() => {
      order.push('transaction 2');
      return Promise.resolve();
    });
    await settle();
    expect(order).toEqual(['transaction 1']);
    first.resolve();
    await Promise.all([holding, statement, second]);
    expect(order).toEqual(['transaction 1', 'statement', 'transaction 2']);
  });

  it('frees the slot of work that fails', async () => {
    const slots = slotsOf(1);
    await expect(slots.transaction(() => Promise.reject(new Error('rolled back')))).rejects.toThrow(
      'rolled back',
    );
    await expect(slots.statement(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(slots.transaction(() => Promise.resolve('committed'))).resolves.toBe('committed');
  });
});
