export { schemaRegistrySchema } from './registry/registry-schema.js';
export {
  createSchemaRegistry,
  type SchemaRegistry,
  type Visibility,
} from './registry/create-schema-registry.js';
export type { Registered } from './registry/register-schema.js';
export type { SubjectVersion } from './registry/subject-versions.js';
export type { VersionRef } from './registry/parse-version.js';
export { RegistryError, isRegistryError } from './registry/registry-error.js';
export { SUPPORTED_SCHEMA_TYPES } from './registry/parse-schema-input.js';
export { schemaRegistryPlugin, type SchemaRegistryPluginOptions } from './http/schema-registry-plugin.js';
export { REGISTRY_CONTENT_TYPE } from './http/registry-reply.js';
export {
  COMPATIBILITY_LEVELS,
  DEFAULT_COMPATIBILITY,
  parseCompatibilityLevel,
  type CompatibilityLevel,
} from './compatibility/compatibility-level.js';
export { checkCompatibility, type EarlierSchema } from './compatibility/check-compatibility.js';
export type { JsonSchema } from './json-schema/json-schema.js';
export {
  encodeJsonWireFormat,
  encodeWireFormat,
  decodeWireFormat,
  KEY_SCHEMA_ID_HEADER,
  VALUE_SCHEMA_ID_HEADER,
  type DecodedValue,
  type SchemaReference,
} from './wire-format/wire-format.js';
export type { Contract } from './contracts/contract.js';
export { loadContracts } from './contracts/load-contracts.js';
export { registerContracts, type RegisteredContract } from './contracts/register-contracts.js';
export { createContractCatalog, type ContractCatalog, type CatalogEntry } from './codec/contract-catalog.js';
export { createAppendValidator } from './codec/create-append-validator.js';
export { createPublicEventCodec } from './codec/create-public-event-codec.js';
export {
  compileJsonSchema,
  describeValidationError,
  DRAFT_2020_12,
} from './json-schema/compile-json-schema.js';
export { openContracts, type OpenedContracts } from './contracts/open-contracts.js';
