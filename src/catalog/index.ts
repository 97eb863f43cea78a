/** The catalogue's public surface: built-in knowledge about vendors, AWS resource types and outages. */
export type { Catalog, Confidence, OutageScenario, ResourceProfile, VendorHosting } from './types.js';
export { confidences, emptyCatalog } from './types.js';
export { CatalogError, type CatalogProblem } from './errors.js';
export {
  builtinCatalogDir,
  builtinCatalogVersion,
  CATALOG_FILES,
  loadBuiltinCatalog,
  loadCatalog,
  normaliseVendorName,
  type LoadCatalogOptions,
} from './load.js';
export { isFailPattern, MAX_FAILURE_SETS, scenarioFailureSets } from './scenarios.js';
export { resolveVendorHosting, type HostingOrigin, type ResolvedHosting } from './resolve.js';
