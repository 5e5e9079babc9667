/**
 * An answer of the registry's REST API other than success: the HTTP status and Confluent's error code (40401,
 * 42201...), which clients key on, so neither may change for a given condition.
 */
export class RegistryError extends Error {
  readonly status: number;
  readonly errorCode: number;

  constructor(status: number, errorCode: number, message: string) {
    super(message);
    this.name = 'RegistryError';
    this.status = status;
    this.errorCode = errorCode;
  }
}

export const isRegistryError = (error: unknown): error is RegistryError => error instanceof RegistryError;

export const subjectNotFound = (subject: string) =>
  new RegistryError(404, 40401, `Subject '${subject}' not found.`);
export const versionNotFound = (subject: string, version: number | string) =>
  new RegistryError(404, 40402, `Version ${version} not found for subject '${subject}'.`);
export const schemaNotFound = (what = 'Schema not found') => new RegistryError(404, 40403, what);
export const invalidSchema = (reason: string) => new RegistryError(422, 42201, `Invalid schema: ${reason}`);
export const invalidCompatibilityLevel = (given: unknown) =>
  new RegistryError(
    422,
    42203,
    `Invalid compatibility level ${JSON.stringify(given)}. Valid values are none, backward, forward, full, ` +
      'backward_transitive, forward_transitive, and full_transitive',
  );
