/**
 * A business or input error with a stable UPPER_SNAKE code (STYLE.md 11). Codes are never reused; the HTTP layer
 * maps each code to a status in one place.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    if (!/^[A-Z][A-Z0-9_]*$/.test(code))
      throw new TypeError(`DomainError code must be UPPER_SNAKE, got ${code}`);
    this.name = 'DomainError';
    this.code = code;
    this.details = Object.freeze({ ...details });
  }
}

export const isDomainError = (error: unknown, code?: string): error is DomainError =>
  error instanceof DomainError && (code === undefined || error.code === code);
