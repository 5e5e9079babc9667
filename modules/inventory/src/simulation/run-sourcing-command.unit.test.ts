import { describe, expect, it } from 'vitest';
import { ruleSetJson } from '../domain/sourcing/sourcing.fixture.js';
import { runSourcingCommand, type SourcingCommandIo } from './run-sourcing-command.js';

const memoryIo = (files: Record<string, string> = {}) => {
  const lines: string[] = [];
  const io: SourcingCommandIo = {
    readFile: (path) =>
      path in files
        ? Promise.resolve(files[path] as string)
        : Promise.reject(new Error('ENOENT: no such file')),
    writeFile: (path, text) => {
      files[path] = text;
      return Promise.resolve();
    },
    out: (line) => lines.push(line),
  };
  return { io, files, output: () => lines.join('\n') };
};

describe('runSourcingCommand', () => {
  it('prints its help', async () => {
    const { io, output } = memoryIo();
    expect(await runSourcingCommand(['--help'], io)).toBe(0);
    expect(output()).toContain('omnistream sourcing simulate --rules A.json');
  });

  it('rejects bad arguments with exit code 2 and a message, never a stack trace', async () => {
    for (const args of [
      ['simulate', '--orders', 'o.jsonl'],
      ['generate', '--out', 'd', '--stores', 'many'],
      ['fly'],
      ['simulate', '--bogus'],
    ]) {
      const { io, output } = memoryIo();
      expect(await runSourcingCommand(args, io)).toBe(2);
      expect(output()).toMatch(/^error: /);
      expect(output()).not.toContain('    at ');
    }
  });

  it('names the file and the JSON path when a rule set is wrong', async () => {
    const { io, output } = memoryIo({
      'A.json': JSON.stringify({ ...ruleSetJson, splitPenalty: -1 }),
      'o.jsonl': '',
    });
    expect(await runSourcingCommand(['simulate', '--rules', 'A.json', '--orders', 'o.jsonl'], io)).toBe(2);
    expect(output()).toBe('error: A.json: invalid rule set: $.splitPenalty: must be 0 or more, got -1');
  });

  it('says which file it cannot read', async () => {
    const { io, output } = memoryIo();
    expect(await runSourcingCommand(['simulate', '--rules', 'A.json', '--orders', 'o.jsonl'], io)).toBe(2);
    expect(output()).toBe('error: cannot read A.json: ENOENT: no such file');
  });

  it('generates a data set, then replays it under two rule sets and the baseline', async () => {
    const { io, files, output } = memoryIo({
      'A.json': JSON.stringify(ruleSetJson),
      'B.json': JSON.stringify({ ...ruleSetJson, id: 'other', splitPenalty: 500 }),
    });
    const sizes = ['--stores', '20', '--skus', '300'];
    expect(await runSourcingCommand(['generate', '--out', 'data', ...sizes, '--orders', '40'], io)).toBe(0);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['data/network.json', 'data/orders.jsonl']));
    const simulate = [
      'simulate',
      '--rules',
      'A.json',
      '--compare',
      'B.json',
      '--orders',
      'data/orders.jsonl',
    ];
    expect(await runSourcingCommand([...simulate, '--network', 'data/network.json'], io)).toBe(0);
    const report = output();
    expect(report).toContain('Sourcing simulation: 40 orders over 20 stores and 1 DC (network seed 42)');
    expect(report).toMatch(/shipments per order +[\d.]+ +[\d.]+ +[\d.]+/);
    expect(report).toContain('A: test-rules v3: shipments per order');
    expect(report).toContain('greedy baseline: ');
  });
});
