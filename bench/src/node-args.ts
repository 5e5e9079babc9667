/**
 * Node flags of every process a benchmark starts, as production runs them (`npm start`, the `omnistream` CLI's
 * shebang): a 64 MiB young generation (see apps/server/bin/omnistream.js). The bench process itself gets them from
 * `npm run bench`. Subject and ceiling processes get the same flags.
 */
export const SERVER_NODE_ARGS: readonly string[] = ['--max-semi-space-size=64'];
