import { isDomainError } from '@omnistream/kernel';
import type { Database } from '@omnistream/event-store';
import { discardDeadLetter, redriveDeadLetter } from '../dead-letters/dead-letter-actions.js';
import { listDeadLetters, showDeadLetter } from '../dead-letters/dead-letter-queries.js';
import { auditToWire, toWire } from '../http/dead-letter-schemas.js';
import { DEAD_LETTERS_USAGE, parseDeadLettersArgs } from './parse-dead-letters-args.js';

export interface DeadLettersCliDeps {
  readonly db: Database;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * `omnistream dead-letters list|show|redrive|discard`: the same operations and JSON shapes as the HTTP API, for
 * operators at a shell. Answers the exit code (0 done, 1 refused with a problem on stderr, 2 usage); the caller
 * (apps/server main.ts) opens the database, prints and exits.
 */
export const deadLettersCli = async (args: readonly string[], deps: DeadLettersCliDeps): Promise<number> => {
  const command = parseDeadLettersArgs(args);
  try {
    switch (command.kind) {
      case 'help':
        deps.stdout(DEAD_LETTERS_USAGE);
        return 0;
      case 'usage_error':
        deps.stderr(`${command.message}\n\n${DEAD_LETTERS_USAGE}`);
        return 2;
      case 'list': {
        const { kind: _kind, ...filter } = command;
        const page = await listDeadLetters(deps.db, filter);
        deps.stdout(
          json({
            deadLetters: page.deadLetters.map((l) => toWire(l, false)),
            ...(page.next === undefined ? {} : { next: page.next }),
          }),
        );
        return 0;
      }
      case 'show': {
        const details = await showDeadLetter(deps.db, command.id);
        deps.stdout(
          json({
            deadLetter: toWire(details.deadLetter, true),
            waiting: details.waiting.map((l) => toWire(l, false)),
            audit: details.audit.map(auditToWire),
          }),
        );
        return 0;
      }
      case 'redrive': {
        const letter = await redriveDeadLetter(deps.db, command.id, command);
        deps.stdout(json({ deadLetter: toWire(letter, false) }));
        return 0;
      }
      case 'discard': {
        const letter = await discardDeadLetter(deps.db, command.id, command);
        deps.stdout(json({ deadLetter: toWire(letter, false) }));
        return 0;
      }
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    deps.stderr(json({ error: { code: error.code, message: error.message } }));
    return 1;
  }
};
