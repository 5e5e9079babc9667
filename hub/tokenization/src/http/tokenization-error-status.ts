/**
 * Statuses for the codes this package raises that @omnistream/http's domainErrorStatus does not map yet (it would
 * answer 422). A stopgap until they are added there, the one place codes map to statuses (STYLE.md 11); then
 * this file and the error handler in tokenizationRoutes go.
 */
export const TOKENIZATION_ERROR_STATUS: Readonly<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  DETOKENIZE_FORBIDDEN: 403,
  // The token existed; what it stood for was destroyed on purpose and will not come back.
  SUBJECT_ERASED: 410,
};
