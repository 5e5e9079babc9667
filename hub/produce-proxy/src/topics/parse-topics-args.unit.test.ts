import { describe, expect, it } from 'vitest';
import { parseTopicsArgs } from './parse-topics-args.js';

const required = ['--owner', 'stores-team', '--subject', 'pos.sale-value', '--partitions', '3'];
const message = (args: readonly string[]) => {
  const command = parseTopicsArgs(args);
  return command.kind === 'usage_error' ? command.message : `not refused: ${command.kind}`;
};

describe('parseTopicsArgs', () => {
  it('reads list and show', () => {
    expect(parseTopicsArgs(['list'])).toEqual({ kind: 'list' });
    expect(parseTopicsArgs(['show', 'pos.sale'])).toEqual({ kind: 'show', name: 'pos.sale' });
  });

  it('reads a put with only what it needs', () =>
    expect(parseTopicsArgs(['put', 'pos.sale', ...required])).toEqual({
      kind: 'put',
      name: 'pos.sale',
      spec: { owner: 'stores-team', subject: 'pos.sale-value', partitions: 3 },
    }));

  it('reads a put with retention, sensitive fields, a description and the expected version', () =>
    expect(
      parseTopicsArgs([
        'put',
        'pos.sale',
        ...required,
        '--retention-ms',
        '86400000',
        '--sensitive',
        '$.customer.email=email',
        '--sensitive',
        '$.cards[*].pan=pan',
        '--description',
        'Till sales',
        '--if-version',
        '0',
      ]),
    ).toEqual({
      kind: 'put',
      name: 'pos.sale',
      spec: {
        owner: 'stores-team',
        subject: 'pos.sale-value',
        partitions: 3,
        retentionMs: 86_400_000,
        sensitiveFields: { '$.customer.email': 'email', '$.cards[*].pan': 'pan' },
        description: 'Till sales',
      },
      expectedVersion: 0,
    }));

  it('asks for help with --help, and refuses no command or an unknown one', () => {
    expect(parseTopicsArgs(['put', '--help'])).toEqual({ kind: 'help' });
    expect(message([])).toBe('no topics command given');
    expect(message(['delete', 'pos.sale'])).toBe('unknown topics command "delete"');
    expect(message(['list', '--verbose'])).toMatch(/Unknown option '--verbose'/);
  });

  it('refuses stray arguments and put options on other commands', () => {
    expect(message(['list', 'x'])).toBe('list takes no arguments, got "x"');
    expect(message(['show'])).toBe('show takes one topic name');
    expect(message(['show', 'a', 'b'])).toBe('show takes one topic name');
    expect(message(['list', '--owner', 't'])).toBe('--owner is for put only');
    expect(message(['put', ...required])).toBe('put takes one topic name');
  });

  it('refuses a put without its required options', () => {
    expect(message(['put', 'pos.sale', '--subject', 's', '--partitions', '1'])).toBe('put needs --owner');
    expect(message(['put', 'pos.sale', '--owner', 't', '--partitions', '1'])).toBe('put needs --subject');
    expect(message(['put', 'pos.sale', '--owner', 't', '--subject', 's'])).toBe('put needs --partitions');
  });

  it('refuses numbers that are not whole, and what the API schema refuses', () => {
    expect(message(['put', 'pos.sale', ...required, '--partitions', 'three'])).toBe(
      '--partitions takes a whole number, got "three"',
    );
    expect(message(['put', 'pos.sale', ...required, '--if-version', '1.5'])).toBe(
      '--if-version takes a whole number, got "1.5"',
    );
    expect(message(['put', 'pos.sale', ...required, '--partitions', '0'])).toMatch(
      /^invalid topic spec: \/partitions: /,
    );
    expect(message(['put', 'pos.sale', ...required, '--retention-ms', '1000'])).toMatch(
      /^invalid topic spec: \/retentionMs/,
    );
    expect(message(['put', 'pos.sale', ...required, '--sensitive', '$.email=secret'])).toMatch(
      /^invalid topic spec: \/sensitiveFields/,
    );
    expect(message(['put', 'pos.sale', ...required, '--owner', ''])).toMatch(/^invalid topic spec: \/owner/);
    expect(message(['put', '..', ...required])).toMatch(/^"\.\." is not a topic name/);
  });

  it('refuses sensitive fields without a kind or named twice', () => {
    expect(message(['put', 'pos.sale', ...required, '--sensitive', '$.email'])).toBe(
      `--sensitive takes '$.path=kind', got "$.email"`,
    );
    expect(
      message(['put', 'pos.sale', ...required, '--sensitive', '$.a=pii', '--sensitive', '$.a=email']),
    ).toBe('--sensitive names $.a twice');
  });
});
