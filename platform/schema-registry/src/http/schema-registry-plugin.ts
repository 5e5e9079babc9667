import type { FastifyError, FastifyInstance } from 'fastify';
import type { SchemaRegistry } from '../registry/create-schema-registry.js';
import { isRegistryError } from '../registry/registry-error.js';
import { registerConfigRoutes } from './config-routes.js';
import { errorBody, REGISTRY_REQUEST_TYPES } from './registry-reply.js';
import { registerSchemaRoutes } from './schema-routes.js';
import { registerSubjectRoutes } from './subject-routes.js';

export interface SchemaRegistryPluginOptions {
  readonly registry: SchemaRegistry;
}

/**
 * The Confluent Schema Registry REST API as a Fastify plugin; register it with a prefix (`/schema-registry`).
 * Its own encapsulated context, because Confluent clients need `{error_code, message}` bodies and the
 * schemaregistry content types, not the platform's problem+json. Routes are left out of the OpenAPI document:
 * Confluent documents this API.
 */
export const schemaRegistryPlugin = (
  app: FastifyInstance,
  { registry }: SchemaRegistryPluginOptions,
  done: (error?: Error) => void,
): void => {
  app.addContentTypeParser(
    REGISTRY_REQUEST_TYPES,
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isRegistryError(error)) return errorBody(reply, error.status, error.errorCode, error.message);
    const status = error.statusCode ?? 500;
    // Fastify's own client errors: unparsable JSON (400), unsupported media type (415), body too large (413).
    if (status >= 400 && status < 500) return errorBody(reply, status, status, error.message);
    request.log.error({ err: error }, 'schema registry request failed');
    return errorBody(reply, 500, 50001, 'Error in the backend data store');
  });
  app.setNotFoundHandler((_request, reply) => errorBody(reply, 404, 404, 'HTTP 404 Not Found'));

  registerSchemaRoutes(app, registry);
  registerSubjectRoutes(app, registry);
  registerConfigRoutes(app, registry);
  done();
};
