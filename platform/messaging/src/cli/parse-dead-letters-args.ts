import { parseArgs } from 'node:util';
import { DEAD_LETTER_STATUSES, type DeadLetterStatus } from '../dead-letters/dead-letter.js';

export type DeadLettersCommand =
  | {
      readonly kind: 'list';
      readonly group?: string;
      readonly topic?: string;
      readonly status?: DeadLetterStatus;
      readonly after?: string;
      readonly limit?: number;
    }
  | { readonly kind: 'show'; readonly id: string }
  | { readonly kind: 'redrive'; readonly id: string; readonly actor: string; readonly reason?: string }
  | { readonly kind: 'discard'; readonly id: string; readonly actor: string; readonly reason: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage_error'; readonly message: string };

export const DEAD_LETTERS_USAGE = `Usage: omnistream dead-letters <command>

  list [--group g] [--topic t] [--status parked|waiting|redrive_requested|redriven|discarded]
       [--after <next>] [--limit n]       dead letters, oldest first, as JSON
  show <id>                               one dead letter, what waits behind it and its audit trail
  redrive <id> --actor <name> [--reason <text>]
                                          ask its consumer group to run it again, then those behind it
  discard <id> --actor <name> --reason <text>
                                          give it up; the messages behind it then run

Every redrive and discard is audited with its actor and reason.
`;

const usageError = (message: string): DeadLettersCommand => ({ kind: 'usage_error', message });

/** `omnistream dead-letters ...` arguments (after the `dead-letters` word). Pure: the runner acts on the result. */
export const parseDeadLettersArgs = (args: readonly string[]): DeadLettersCommand => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        group: { type: 'string' },
        topic: { type: 'string' },
        status: { type: 'string' },
        after: { type: 'string' },
        limit: { type: 'string' },
        actor: { type: 'string' },
        reason: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  const [command, ...rest] = parsed.positionals;
  if (values.help === true || command === undefined || command === 'help') return { kind: 'help' };
  const only = (allowed: readonly string[]) => {
    const extra = Object.keys(values).filter((key) => !allowed.includes(key));
    return extra.length === 0 ? undefined : usageError(`${command} does not take --${extra.join(', --')}`);
  };
  switch (command) {
    case 'list': {
      if (rest.length > 0) return usageError(`list takes no arguments, got "${rest.join(' ')}"`);
      const wrong = only(['group', 'topic', 'status', 'after', 'limit']);
      if (wrong !== undefined) return wrong;
      if (values.status !== undefined && !DEAD_LETTER_STATUSES.includes(values.status as DeadLetterStatus))
        return usageError(`--status must be one of ${DEAD_LETTER_STATUSES.join(', ')}`);
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 500))
        return usageError('--limit must be an integer from 1 to 500');
      return {
        kind: 'list',
        ...(values.group === undefined ? {} : { group: values.group }),
        ...(values.topic === undefined ? {} : { topic: values.topic }),
        ...(values.status === undefined ? {} : { status: values.status as DeadLetterStatus }),
        ...(values.after === undefined ? {} : { after: values.after }),
        ...(limit === undefined ? {} : { limit }),
      };
    }
    case 'show':
    case 'redrive':
    case 'discard': {
      const [id, ...more] = rest;
      if (id === undefined || more.length > 0) return usageError(`${command} takes one dead letter id`);
      if (command === 'show') return only([]) ?? { kind: 'show', id };
      const wrong = only(['actor', 'reason']);
      if (wrong !== undefined) return wrong;
      if (values.actor === undefined || values.actor.trim() === '')
        return usageError(`${command} needs --actor <name>: it is audited`);
      if (command === 'redrive')
        return {
          kind: 'redrive',
          id,
          actor: values.actor,
          ...(values.reason === undefined ? {} : { reason: values.reason }),
        };
      if (values.reason === undefined || values.reason.trim() === '')
        return usageError('discard needs --reason <text>: the audit trail must say why');
      return { kind: 'discard', id, actor: values.actor, reason: values.reason };
    }
    default:
      return usageError(`unknown dead-letters command "${command}"`);
  }
};
