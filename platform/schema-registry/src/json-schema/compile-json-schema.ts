import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonSchema } from './json-schema.js';

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/**
 * The formats checked without ajv-formats (not a dependency): the ones public events use. Unknown formats are
 * annotations only, as JSON Schema 2020-12 (validation 7.2) allows.
 */
const FORMATS = {
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  email: /^[^\s@]+@[^\s@]+$/,
};

/**
 * One Ajv instance per schema: Ajv keeps every schema it compiled by `$id`, and two versions of one contract
 * often share an `$id`. Callers cache the result by schema id. Not strict, because a registry must accept
 * annotations and vendor keywords it does not know.
 */
const newAjv = (validateSchema: boolean) =>
  new Ajv2020({ strict: false, logger: false, allErrors: false, formats: FORMATS, validateSchema });

/**
 * The meta-schema check has an Ajv of its own, made once: compiling the 2020-12 meta-schema costs about 20 ms, and
 * validating a schema adds nothing to the instance, so it is safe to share.
 */
let metaChecker: Ajv2020 | undefined;

/** Checks `schema` against the 2020-12 meta-schema; the problems found, empty when it is a valid schema. */
export const schemaProblems = (schema: JsonSchema): string[] => {
  metaChecker ??= newAjv(true);
  if (metaChecker.validateSchema(schema) === true) return [];
  return (metaChecker.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`,
  );
};

/**
 * Compiles a validator; throws (with Ajv's reason) when the schema cannot be compiled, e.g. a dangling $ref. The
 * schema is not checked against the meta-schema here (that would compile the meta-schema again in every instance):
 * schemas reach this from the registry, which checked them with schemaProblems when they were registered.
 */
export const compileJsonSchema = (schema: JsonSchema): ValidateFunction => newAjv(false).compile(schema);

/** `<instance path> <problem> (<keyword>)`, e.g. `/lines/0/quantity must be integer (type)`. */
export const describeValidationError = (error: ErrorObject): string => {
  const where = error.instancePath === '' ? '/' : error.instancePath;
  const extra =
    error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties'
      ? ` "${String((error.params as Record<string, unknown>).additionalProperty ?? (error.params as Record<string, unknown>).unevaluatedProperty)}"`
      : '';
  return `${where} ${error.message ?? 'is invalid'}${extra} (${error.keyword})`;
};
