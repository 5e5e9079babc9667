import { Type, type Static } from '@sinclair/typebox';

/** RFC 9457 media type; every error response carries it. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Problem details (RFC 9457) with a stable `code` (STYLE.md 11): clients branch on `code`, never on `title` or
 * `detail`, which are for people. A code is never reused for another meaning. This shape is a wire format: only
 * add optional members.
 */
export const ProblemDetails = Type.Object(
  {
    type: Type.String({
      description: 'A URI reference naming the problem type; about:blank when the status says it all.',
    }),
    title: Type.String({ description: 'The HTTP status phrase.' }),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    code: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', description: 'Stable, never reused; branch on this.' }),
    detail: Type.String({ description: 'What went wrong, for a person to act on.' }),
    requestId: Type.Optional(Type.String({ description: 'Names this request in the server logs.' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({ description: 'JSON Pointer into the request, e.g. /body/lines/0/sku' }),
          message: Type.String(),
        }),
        {
          description: 'One entry per invalid field (validation failures).',
        },
      ),
    ),
    details: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Facts a client can act on, e.g. the actual version.',
      }),
    ),
  },
  { $id: 'ProblemDetails', title: 'ProblemDetails' },
);

export type ProblemDetails = Static<typeof ProblemDetails>;
