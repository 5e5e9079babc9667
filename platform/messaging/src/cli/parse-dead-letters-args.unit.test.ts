import { describe, expect, it } from 'vitest';
import { parseDeadLettersArgs } from './parse-dead-letters-args.js';

describe('parseDeadLettersArgs', () => {
  it('lists with filters and a page size', () =>
    expect(
      parseDeadLettersArgs([
        'list',
        '--group',
        'billing',
        '--status',
        'parked',
        '--limit',
        '10',
        '--after',
        '42',
      ]),
    ).toEqual({
      kind: 'list',
      group: 'billing',
      status: 'parked',
      limit: 10,
      after: '42',
    }));

  it('shows, redrives and discards one dead letter', () => {
    expect(parseDeadLettersArgs(['show', '7'])).toEqual({ kind: 'show', id: '7' });
    expect(parseDeadLettersArgs(['redrive', '7', '--actor', 'alice'])).toEqual({
      kind: 'redrive',
      id: '7',
      actor: 'alice',
    });
    expect(parseDeadLettersArgs(['discard', '7', '--actor', 'bob', '--reason', 'test order'])).toEqual({
      kind: 'discard',
      id: '7',
      actor: 'bob',
      reason: 'test order',
    });
  });

  it('shows help when asked or when no command is given', () => {
    for (const args of [[], ['help'], ['--help'], ['list', '-h']])
      expect(parseDeadLettersArgs(args)).toEqual({ kind: 'help' });
  });

  it('refuses actions without an actor, discards without a reason, and options a command does not take', () => {
    expect(parseDeadLettersArgs(['redrive', '7'])).toMatchObject({
      kind: 'usage_error',
      message: expect.stringContaining('--actor') as unknown,
    });
    expect(parseDeadLettersArgs(['discard', '7', '--actor', 'bob'])).toMatchObject({
      message: expect.stringContaining('--reason') as unknown,
    });
    expect(parseDeadLettersArgs(['show', '7', '--actor', 'bob'])).toMatchObject({
      message: 'show does not take --actor',
    });
    expect(parseDeadLettersArgs(['list', '--status', 'lost'])).toMatchObject({ kind: 'usage_error' });
    expect(parseDeadLettersArgs(['list', '--limit', '0'])).toMatchObject({ kind: 'usage_error' });
    expect(parseDeadLettersArgs(['show'])).toMatchObject({ kind: 'usage_error' });
    expect(parseDeadLettersArgs(['purge'])).toMatchObject({
      message: 'unknown dead-letters command "purge"',
    });
    expect(parseDeadLettersArgs(['list', '--bogus'])).toMatchObject({ kind: 'usage_error' });
  });
});
