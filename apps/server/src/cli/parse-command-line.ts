import { parseArgs } from 'node:util';

export const COMMANDS = ['start', 'migrate', 'dead-letters', 'api-keys', 'topics', 'sourcing'] as const;
/** Commands with subcommands of their own: everything after the name is passed on to their parser. */
const PASS_THROUGH = ['dead-letters', 'api-keys', 'topics', 'sourcing'] as const;
type PassThrough = (typeof PASS_THROUGH)[number];
const isPassThrough = (name: string | undefined): name is PassThrough =>
  PASS_THROUGH.includes(name as PassThrough);
export type CommandName = (typeof COMMANDS)[number];

export type CommandLine =
  | { readonly kind: 'run'; readonly command: Exclude<CommandName, PassThrough | 'start'> }
  /** `start --modules a,b`: the modules this process runs, overriding OMNISTREAM_MODULES. */
  | { readonly kind: 'run'; readonly command: 'start'; readonly modules?: string }
  /** A command with subcommands of its own: its arguments are passed on as they are. */
  | { readonly kind: 'run'; readonly command: PassThrough; readonly args: readonly string[] }
  | { readonly kind: 'help'; readonly command?: CommandName }
  | { readonly kind: 'usage_error'; readonly message: string; readonly command?: CommandName };

const isCommand = (name: string | undefined): name is CommandName => COMMANDS.includes(name as CommandName);

/** `omnistream <command> [--help]`, `omnistream help [command]`, `omnistream --help`. Pure: main.ts acts on it. */
export const parseCommandLine = (args: readonly string[]): CommandLine => {
  const [first] = args;
  if (isPassThrough(first)) return { kind: 'run', command: first, args: args.slice(1) };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { help: { type: 'boolean', short: 'h' }, modules: { type: 'string' } },
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
  if (isPassThrough(name)) return { kind: 'run', command: name, args: rest };
  if (rest.length > 0)
    return {
      kind: 'usage_error',
      message: `${name} takes no arguments, got "${rest.join(' ')}"`,
      command: name,
    };
  const modules = parsed.values.modules;
  if (name === 'start')
    return modules === undefined ? { kind: 'run', command: name } : { kind: 'run', command: name, modules };
  if (modules !== undefined)
    return { kind: 'usage_error', message: `${name} takes no --modules`, command: name };
  return { kind: 'run', command: name };
};
