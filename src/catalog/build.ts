import type { Catalog, OutageScenario, ResourceProfile, VendorHosting } from './types.js';

/** Indexes validated entries into the Catalog interface (lookups by key, alias and id). */
export function buildCatalog(version: string, vendors: VendorHosting[], profiles: ResourceProfile[], scenarios: OutageScenario[]): Catalog {
  const vendorIndex = new Map<string, VendorHosting>();
  for (const vendor of vendors) {
    vendorIndex.set(vendor.name, vendor);
    for (const alias of vendor.aliases) vendorIndex.set(alias, vendor);
  }
  const profileIndex = new Map(profiles.map((p) => [p.type, p]));
  const scenarioIndex = new Map(scenarios.map((s) => [s.id, s]));
  const frozenVendors = Object.freeze([...vendors]);
  const frozenProfiles = Object.freeze([...profiles]);
  const frozenScenarios = Object.freeze([...scenarios]);
  return {
    version,
    vendor: (name) => vendorIndex.get(normaliseVendorName(name)),
    vendors: () => frozenVendors,
    resourceProfile: (type) => profileIndex.get(type.trim().toLowerCase()),
    resourceProfiles: () => frozenProfiles,
    scenarios: () => frozenScenarios,
    scenario: (id) => scenarioIndex.get(id.trim().toLowerCase()),
  };
}

/** `Vendor:Slack ` → `slack`: lookups accept a vendor id or a bare name, in any case. */
export function normaliseVendorName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.startsWith('vendor:') ? lower.slice('vendor:'.length) : lower;
}
