import { STATUS_CODES } from 'node:http';
import { isDomainError } from '@omnistream/kernel';
import { domainErrorStatus } from './domain-error-status.js';
import type { ProblemDetails } from './problem-details.js';

interface ValidationIssue {
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** What Fastify attaches to the errors it raises itself (validation, body parsing, limits). */
interface FastifyLikeError {
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly validation?: readonly ValidationIssue[];
  readonly validationContext?: unknown;
}

/** Fastify's own client errors get codes of ours, so clients never depend on framework internals. */
const FASTIFY_CODES: Readonly<Record<string, readonly [number, string, string]>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON_BODY', 'the request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    400,
    'EMPTY_JSON_BODY',
    'the request says it carries JSON but its body is empty',
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BODY_TOO_LARGE', 'the request body is larger than this server accepts'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    'INVALID_CONTENT_LENGTH',
    'the Content-Length header does not match the body',
  ],
};

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

export const problem = (
  status: number,
  code: string,
  detail: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails => ({
  type: 'about:blank',
  title: STATUS_CODES[status] ?? 'Error',
  status,
  code,
  detail,
  ...extra,
});

/** A 5xx says nothing about its cause: messages and stacks of unexpected errors stay in the logs. */
const internal = (status = 500): ProblemDetails =>
  problem(
    status,
    CODE_BY_STATUS[status] ?? 'INTERNAL_ERROR',
    'the server failed to handle the request; the request id names it in the logs',
  );

/** JSON Pointer of the bad field, rooted at the part of the request it came from (`/body/lines/0/sku`). */
const issuePath = (context: unknown, issue: ValidationIssue): string => {
  const missing = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  const leaf = typeof missing === 'string' ? `/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}` : '';
  return `/${typeof context === 'string' ? context : 'body'}${issue.instancePath ?? ''}${leaf}`;
};

const issueMessage = (issue: ValidationIssue): string =>
  issue.params?.additionalProperty === undefined
    ? (issue.message ?? 'is invalid')
    : 'is not a known property';

/** Turns anything a route or hook threw into the problem to send. */
export const toProblem = (error: unknown): ProblemDetails => {
  if (isDomainError(error)) {
    const status = domainErrorStatus(error.code);
    if (status >= 500) return internal(status);
    const details = Object.keys(error.details).length > 0 ? { details: { ...error.details } } : {};
    return problem(status, error.code, error.message, details);
  }
  if (error === null || typeof error !== 'object') return internal();
  const fastify = error as FastifyLikeError;
  const issues = fastify.validation;
  if (issues !== undefined) {
    const errors = issues.map((issue) => ({
      path: issuePath(fastify.validationContext, issue),
      message: issueMessage(issue),
    }));
    const first = errors[0];
    return problem(
      400,
      'VALIDATION_FAILED',
      first === undefined ? 'the request is invalid' : `${first.path} ${first.message}`,
      { errors },
    );
  }
  const known = typeof fastify.code === 'string' ? FASTIFY_CODES[fastify.code] : undefined;
  if (known !== undefined) return problem(...known);
  const status = typeof fastify.statusCode === 'number' ? fastify.statusCode : 500;
  if (status >= 400 && status < 500) {
    const message =
      error instanceof Error && error.message !== ''
        ? error.message
        : (STATUS_CODES[status] ?? 'bad request');
    return problem(status, CODE_BY_STATUS[status] ?? 'BAD_REQUEST', message);
  }
  return internal(status >= 500 && status < 600 ? status : 500);
};
