import { parseArgs } from 'node:util';
import type { Sql } from '@omnistream/event-store';
import { isDomainError } from '@omnistream/kernel';
import { createApiKey } from './create-api-key.js';
import { listApiKeys, revokeApiKey } from './revoke-api-key.js';

export const API_KEYS_USAGE = `Usage: omnistream api-keys <command>

Commands:
  create --name N --produce PATTERN [--produce ...] [--consume PATTERN ...] [--rate N]
                 issue a key; prints {"key", "secret", ...} as JSON. The secret is shown this once only.
                 --rate: produce requests a second the key may make (429 beyond); no limit without it.
  list           every key, without secrets, as JSON
  revoke KEY     revoke a key for good

A pattern is a topic name where * stands for any run of characters: 'orders.*', '*'.
`;

export interface ApiKeysCliDeps {
  readonly db: Sql;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** `omnistream api-keys create|list|revoke`; answers the exit code (0 done, 1 refused, 2 usage). */
export const apiKeysCli = async (args: readonly string[], deps: ApiKeysCliDeps): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        name: { type: 'string' },
        produce: { type: 'string', multiple: true },
        consume: { type: 'string', multiple: true },
        rate: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    deps.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${API_KEYS_USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  const { name, produce = [], consume = [], rate, help } = parsed.values;
  const usage = (message: string) => {
    deps.stderr(`${message}\n\n${API_KEYS_USAGE}`);
    return 2;
  };
  if (help === true || command === undefined) {
    deps.stdout(API_KEYS_USAGE);
    return command === undefined && help !== true ? 2 : 0;
  }
  try {
    switch (command) {
      case 'create':
        if (name === undefined) return usage('create needs --name');
        if (rest.length > 0) return usage(`create takes no arguments, got "${rest.join(' ')}"`);
        if (rate !== undefined && !/^[1-9][0-9]{0,8}$/.test(rate))
          return usage(`--rate takes a whole number of requests a second, got "${rate}"`);
        deps.stdout(
          json(
            await createApiKey(deps.db, {
              name,
              produce,
              consume,
              ...(rate === undefined ? {} : { requestsPerSecond: Number(rate) }),
            }),
          ),
        );
        return 0;
      case 'list':
        deps.stdout(json({ apiKeys: await listApiKeys(deps.db) }));
        return 0;
      case 'revoke': {
        const [key, ...more] = rest;
        if (key === undefined || more.length > 0) return usage('revoke takes one key');
        await revokeApiKey(deps.db, key);
        deps.stdout(json({ key, revoked: true }));
        return 0;
      }
      default:
        return usage(`unknown api-keys command "${command}"`);
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    deps.stderr(json({ code: error.code, detail: error.message }));
    return 1;
  }
};
