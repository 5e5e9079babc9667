import { SOURCING_USAGE } from '@omnistream/inventory/sourcing';
import { DEAD_LETTERS_USAGE } from '@omnistream/messaging';
import { API_KEYS_USAGE, TOPICS_USAGE } from '@omnistream/produce-proxy';
import { ENVIRONMENT_VARIABLES } from '../config/config-from-environment.js';
import type { CommandName } from './parse-command-line.js';

const environment = Object.entries(ENVIRONMENT_VARIABLES)
  .map(([name, meaning]) => `  ${name.padEnd(32)}${meaning}`)
  .join('\n');

const COMMAND_HELP: Readonly<Record<CommandName, string>> = {
  start: `Usage: omnistream start [--modules catalog,inventory,payments,shipments,orders]

--modules picks the modules this process runs (default: all; overrides OMNISTREAM_MODULES). The distributed
shape runs one process per module, or per few, on one PostgreSQL database and Kafka: each serves its modules'
routes and applies their saga commands, the process with orders runs the order saga, and every process stands
by to relay the outbox (one relays at a time).

Applies pending migrations, registers the public contracts, then serves the HTTP API (/health, /metrics,
/docs, /schema-registry for Confluent clients) until SIGTERM or SIGINT,
when it stops accepting, lets in-flight requests finish, closes the database and exits 0.
`,
  migrate: `Usage: omnistream migrate

Applies pending database migrations, prints the ones it applied, and exits.
`,
  'dead-letters': `${DEAD_LETTERS_USAGE}
Works on the configured database. Embedded PGlite belongs to one process: while the server runs, use its HTTP
API (/dead-letters) instead.
`,
  'api-keys': `${API_KEYS_USAGE}
Works on the configured database.
`,
  topics: `${TOPICS_USAGE}
Works on the configured database; put also creates the topic on the configured bus (Kafka, or the in-process
log). Embedded PGlite belongs to one process: while the server runs, use its HTTP API (/hub/topics) instead.
`,
  sourcing: SOURCING_USAGE,
};

/** The text `--help` prints; the commands' own pages add what every command reads from the environment. */
export const usage = (command?: CommandName): string =>
  `${
    command === undefined
      ? `Usage: omnistream <command> [--help]

Commands:
  start      serve the HTTP API (embedded PGlite by default, or PostgreSQL)
  migrate    apply database migrations and exit
  dead-letters  list, show, redrive or discard dead letters (JSON)
  api-keys   issue, list or revoke the integration hub's API keys (JSON)
  topics     list, show or register the integration hub's topics (JSON)
  sourcing   generate a sourcing data set, or replay orders under rule sets against the greedy baseline
  help       show this text, or "help <command>" for one command
`
      : COMMAND_HELP[command]
  }
Environment:
${environment}
`;
