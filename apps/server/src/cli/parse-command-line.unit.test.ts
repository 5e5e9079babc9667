import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './parse-command-line.js';

describe('parseCommandLine', () => {
  it('runs a known command', () =>
    expect(parseCommandLine(['start'])).toEqual({ kind: 'run', command: 'start' }));
  it('shows general help for --help, -h and help', () => {
    for (const args of [['--help'], ['-h'], ['help']])
      expect(parseCommandLine(args)).toEqual({ kind: 'help' });
  });
  it('shows a command’s help for <command> --help and help <command>', () => {
    expect(parseCommandLine(['migrate', '--help'])).toEqual({ kind: 'help', command: 'migrate' });
    expect(parseCommandLine(['help', 'start'])).toEqual({ kind: 'help', command: 'start' });
  });
  it('rejects unknown commands, options and stray arguments', () => {
    expect(parseCommandLine(['serve'])).toMatchObject({
      kind: 'usage_error',
      message: 'unknown command "serve"',
    });
    expect(parseCommandLine(['start', '--port', '80'])).toMatchObject({ kind: 'usage_error' });
    expect(parseCommandLine(['migrate', 'now'])).toMatchObject({ kind: 'usage_error', command: 'migrate' });
    expect(parseCommandLine([])).toMatchObject({ kind: 'usage_error', message: 'no command given' });
  });
  it('takes the modules a start runs, and refuses --modules elsewhere', () => {
    expect(parseCommandLine(['start', '--modules', 'orders,catalog'])).toEqual({
      kind: 'run',
      command: 'start',
      modules: 'orders,catalog',
    });
    expect(parseCommandLine(['migrate', '--modules', 'orders'])).toMatchObject({
      kind: 'usage_error',
      command: 'migrate',
    });
  });
  it('passes the arguments of topics on to its own parser', () =>
    expect(parseCommandLine(['topics', 'put', 'pos.sale', '--partitions', '3'])).toEqual({
      kind: 'run',
      command: 'topics',
      args: ['put', 'pos.sale', '--partitions', '3'],
    }));
  it('passes the arguments of sourcing on to its own parser', () => {
    expect(parseCommandLine(['sourcing', 'simulate', '--rules', 'a.json', '--orders', 'o.jsonl'])).toEqual({
      kind: 'run',
      command: 'sourcing',
      args: ['simulate', '--rules', 'a.json', '--orders', 'o.jsonl'],
    });
  });

  it('passes the arguments of dead-letters on to its own parser', () => {
    expect(parseCommandLine(['dead-letters', 'list', '--group', 'billing'])).toEqual({
      kind: 'run',
      command: 'dead-letters',
      args: ['list', '--group', 'billing'],
    });
    expect(parseCommandLine(['help', 'dead-letters'])).toEqual({ kind: 'help', command: 'dead-letters' });
  });
});
