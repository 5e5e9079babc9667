import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export interface LoggerOptions {
  readonly level?: LevelWithSilent;
  /** Names the process in every line, so logs from several deployables can be told apart. */
  readonly name?: string;
  /** Where lines go; stdout when absent. Tests pass a stream to read what was logged. */
  readonly destination?: DestinationStream;
}

/**
 * Credentials and personal data can ride in headers and bodies (STYLE.md 12), so both are cut before a line is
 * written: known secret headers are censored wherever a `headers` object appears, and bodies are removed.
 */
const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key'];
const REDACTED_PATHS = SECRET_HEADERS.flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`]);

interface RequestLike {
  readonly id?: unknown;
  readonly method?: unknown;
  readonly url?: unknown;
  readonly ip?: unknown;
}

/** Keeps only what identifies a request, never its headers or body (pino's stock serializer logs every header). */
const req = (request: RequestLike) => ({
  id: request.id,
  method: request.method,
  url: request.url,
  remoteAddress: request.ip,
});
const res = (reply: { readonly statusCode?: unknown }) => ({ statusCode: reply.statusCode });

/** JSON lines on stdout: the one logger of a deployable, handed to every factory that logs. */
export const createLogger = (options: LoggerOptions = {}): Logger =>
  pino(
    {
      level: options.level ?? 'info',
      ...(options.name === undefined ? {} : { name: options.name }),
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { req, res, err: pino.stdSerializers.err },
      // Redaction either censors or removes, not both; bodies are dropped here instead (on a copy: the caller's
      // object is theirs). Nested bodies never reach a line because the req/res serializers leave them out.
      formatters: { log: ({ body: _body, payload: _payload, ...rest }) => rest },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
