import type { Requirement } from '../model/requirement.js';
import type { Catalog, VendorHosting } from './types.js';

/**
 * Where a vendor's hosting came from:
 * - `manifest`: faultline.yaml declared `hostedOn` (it overrides the catalogue);
 * - `catalogue`: the built-in catalogue knows it;
 * - `customer-selected`: the customer picks provider and region (Snowflake), and did not say;
 * - `unknown`: the catalogue has the vendor but no public source says where it runs;
 * - `not-in-catalogue`: nobody has said anything about it.
 * The last three have an empty `hostedOn` and are what the `unknown-hosting` rule reports.
 */
export type HostingOrigin = 'manifest' | 'catalogue' | 'customer-selected' | 'unknown' | 'not-in-catalogue';

/** A vendor's requirement list after applying the manifest over the catalogue. */
export interface ResolvedHosting {
  /** The vendor's name as referenced (`vendor:<name>`), not the catalogue key it resolved to. */
  name: string;
  hostedOn: Requirement[];
  origin: HostingOrigin;
  /** The catalogue entry, when there is one (for confidence, sources, note in findings). */
  entry?: VendorHosting;
}

/**
 * Resolves `vendor:<name>`'s hosting. A manifest `hostedOn` wins, even when empty (the user
 * says it needs nothing we model). Catalogue hostedOn may name other vendors (`vendor:atlassian-cloud`):
 * the caller resolves those the same way, so a shared platform becomes one node.
 */
export function resolveVendorHosting(name: string, catalog: Catalog, declared?: { hostedOn?: Requirement[] | undefined }): ResolvedHosting {
  const entry = catalog.vendor(name);
  const base: ResolvedHosting = entry ? { name, hostedOn: [], origin: 'unknown', entry } : { name, hostedOn: [], origin: 'not-in-catalogue' };
  if (declared?.hostedOn !== undefined) return { ...base, hostedOn: declared.hostedOn, origin: 'manifest' };
  if (!entry) return base;
  if (entry.hostedOn.length > 0) return { ...base, hostedOn: entry.hostedOn, origin: 'catalogue' };
  return { ...base, origin: entry.customerSelected ? 'customer-selected' : 'unknown' };
}
