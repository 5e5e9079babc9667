import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError } from '@omnistream/kernel';
import type { DetokenizePolicies } from '../policies/create-detokenize-policies.js';
import { detokenizeAs } from '../policies/detokenize-as.js';
import type { TokenVault } from '../vault/token-vault.js';

export interface TokenizationRoutesOptions {
  readonly vault: TokenVault;
  readonly policies: DetokenizePolicies;
}

const Problem = Type.Ref('ProblemDetails');

/**
 * Detokenize and crypto-shred over HTTP. Register on an app made by createHttpApp (it refers to the ProblemDetails
 * schema) behind authentication that sets `request.principal`. Requests are logged by the app with their URL
 * only: bodies (tokens) and answers (values) never reach a log line.
 */
export const tokenizationRoutes: FastifyPluginAsyncTypebox<TokenizationRoutesOptions> = (
  app,
  { vault, policies },
) => {
  const tags = ['tokenization'];

  app.post(
    '/tokens/detokenize',
    {
      schema: {
        summary: 'Detokenize',
        description:
          "Answers the value, masked or redacted, as the calling consumer's policy for the token's kind says. " +
          'Every answer is audited.',
        tags,
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            value: Type.Union([Type.String(), Type.Null()]),
            redacted: Type.Optional(Type.Boolean()),
          }),
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          410: Problem,
        },
      },
    },
    (request) => detokenizeAs({ vault, policies }, request.principal, request.body.token),
  );

  app.delete(
    '/subjects/:subjectId',
    {
      schema: {
        summary: 'Erase a data subject',
        description: "Deletes the subject's key: every token of the subject becomes unrecoverable, for good.",
        tags,
        params: Type.Object({ subjectId: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 204: Type.Null(), 401: Problem },
      },
    },
    async (request, reply) => {
      if (request.principal === null)
        throw new DomainError('UNAUTHENTICATED', 'erasing a subject needs an authenticated caller');
      await vault.eraseSubject(request.params.subjectId);
      return reply.code(204).send(null);
    },
  );
  return Promise.resolve();
};
