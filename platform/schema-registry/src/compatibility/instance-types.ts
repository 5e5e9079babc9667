import type { JsonSchemaObject } from '../json-schema/json-schema.js';

/** The `type` keyword as a list, or undefined when any type is allowed. */
export const typesOf = (schema: JsonSchemaObject): readonly string[] | undefined => {
  const type = schema.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return undefined;
};

/** Whether `types` accepts instances of `type`; every integer is a number (JSON Schema 2020-12 validation 6.1.1). */
export const acceptsType = (types: readonly string[] | undefined, type: string): boolean =>
  types === undefined || types.includes(type) || (type === 'integer' && types.includes('number'));

/** Whether both schemas may hold instances of `type`: only then do that type's keywords matter. */
export const bothMayBe = (writer: JsonSchemaObject, reader: JsonSchemaObject, type: string): boolean => {
  const mayBe = (types: readonly string[] | undefined) =>
    types === undefined || types.includes(type) || (type === 'number' && types.includes('integer'));
  return mayBe(typesOf(writer)) && mayBe(typesOf(reader));
};
