import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../bus.js';
import { forEachByKey } from './by-key.js';

const message = (key: string, offset: number): IncomingMessage => ({
  topic: 't',
  partition: 0,
  offset: String(offset),
  key,
  value: new Uint8Array(),
  headers: {},
  timestamp: new Date(0),
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('forEachByKey', () => {
  it('keeps each key in offset order while other keys run beside it', async () => {
    const batch = [
      message('a', 1),
      message('b', 2),
      message('a', 3),
      message('c', 4),
      message('b', 5),
      message('a', 6),
    ];
    const done: string[] = [];
    let running = 0;
    let most = 0;
    await forEachByKey(batch, 2, async (m) => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      done.push(`${m.key}${m.offset}`);
      running -= 1;
    });
    expect(done.filter((d) => d.startsWith('a'))).toEqual(['a1', 'a3', 'a6']);
    expect(done.filter((d) => d.startsWith('b'))).toEqual(['b2', 'b5']);
    expect(done).toHaveLength(6);
    expect(most).toBe(2);
  });

  it('stops a key at its failure and rejects, without running that key further', async () => {
    const seen: string[] = [];
    await expect(
      forEachByKey([message('a', 1), message('a', 2), message('b', 3)], 4, async (m) => {
        await tick();
        if (m.offset === '1') throw new Error('boom');
        seen.push(`${m.key}${m.offset}`);
      }),
    ).rejects.toThrow('boom');
    expect(seen).not.toContain('a2');
  });
});
