export {
  createInventoryModule,
  inventoryProjections,
  inventoryAppendHooks,
  type InventoryModule,
  type InventoryModuleDependencies,
} from './inventory-module.js';
export type { InventoryHandlers } from './inventory-handlers.js';
