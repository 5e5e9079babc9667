import { parseArgs } from 'node:util';

export const COMMANDS = ['start', 'migrate', 'dead-letters'] as const;
export type CommandName = (typeof COMMANDS)[number];

export type CommandLine =
  | { readonly kind: 'run'; readonly command: Exclude<CommandName, 'dead-letters'> }
  /** A command with subcommands of its own: its arguments are passed on as they are. */
  | { readonly kind: 'run'; readonly command: 'dead-letters'; readonly args: readonly string[] }
  | { readonly kind: 'help'; readonly command?: CommandName }
  | { readonly kind: 'usage_error'; readonly message: string; readonly command?: CommandName };

const isCommand = (name: string | undefined): name is CommandName => COMMANDS.includes(name as CommandName);

/** `omnistream <command> [--help]`, `omnistream help [command]`, `omnistream --help`. Pure: main.ts acts on it. */
export const parseCommandLine = (args: readonly string[]): CommandLine => {
  if (args[0] === 'dead-letters') return { kind: 'run', command: 'dead-letters', args: args.slice(1) };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return { kind: 'usage_error', message: error instanceof Error ? error.message : String(error) };
  }
  const [name, ...rest] = parsed.positionals;
  if (name === undefined)
    return parsed.values.help === true
      ? { kind: 'help' }
      : { kind: 'usage_error', message: 'no command given' };
  if (name === 'help') {
    const [topic] = rest;
    if (topic === undefined) return { kind: 'help' };
    return isCommand(topic)
      ? { kind: 'help', command: topic }
      : { kind: 'usage_error', message: `unknown command "${topic}"` };
  }
  if (!isCommand(name)) return { kind: 'usage_error', message: `unknown command "${name}"` };
  if (parsed.values.help === true) return { kind: 'help', command: name };
  if (name === 'dead-letters') return { kind: 'run', command: name, args: rest };
  if (rest.length > 0)
    return {
      kind: 'usage_error',
      message: `${name} takes no arguments, got "${rest.join(' ')}"`,
      command: name,
    };
  return { kind: 'run', command: name };
};
