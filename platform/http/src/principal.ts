declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Who is calling, once authentication has run: an API key's or user's id; null for anonymous calls. It scopes
     * idempotency keys, so two callers can never replay each other's responses.
     */
    principal: string | null;
  }
}

/** The default, set on every request before any hook runs; authentication overwrites it. */
export const ANONYMOUS = null;
