export {
  createCatalogModule,
  catalogProjections,
  catalogAppendHooks,
  type CatalogModule,
  type CatalogModuleDependencies,
} from './catalog-module.js';
