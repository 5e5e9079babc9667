export type { Projection, TableName } from './projection.js';
export { projectionsSchema } from './projections-schema.js';
export { projectionLockKey } from './projection-lock-key.js';
export { versionedTable } from './versioned-table.js';
export type { ProjectionState } from './read-registry.js';
export { activeTables, type ActiveTables } from './active-tables.js';
export { readModel } from './read-model.js';
export {
  startProjection,
  type ProjectionHandle,
  type ProjectionStatus,
  type StartProjectionOptions,
} from './start-projection.js';
export { inlineProjection, type InlineProjectionOptions } from './inline-projection.js';
export { retireProjection } from './retire-projection.js';
