import type { FallbackDecl, Manifest, ServiceDecl, VendorDecl } from '../../src/config/types.js';
import { DEFAULT_MAX_REGION_SHARE } from '../../src/config/types.js';
import type { Requirement } from '../../src/model/requirement.js';

/** Builds a Manifest in code, for engine tests that do not exercise the YAML parser. */
export interface ManifestSpec {
  services?: Record<string, { critical?: boolean; dependsOn?: Requirement[]; runsOn?: Requirement[]; tags?: Record<string, string> }>;
  vendors?: Record<string, { hostedOn?: Requirement[] }>;
  fallbacks?: { primary: string; fallback: string }[];
  maxRegionShare?: number;
  severity?: Manifest['policy']['severity'];
}

const pos = (line: number) => ({ file: 'faultline.yaml', line, col: 3 });

export function manifest(spec: ManifestSpec): Manifest {
  let line = 1;
  const services: ServiceDecl[] = Object.entries(spec.services ?? {}).map(([name, s]) => ({
    name,
    critical: s.critical ?? false,
    ...(s.tags ? { resources: { tags: s.tags } } : {}),
    dependsOn: s.dependsOn ?? [],
    runsOn: s.runsOn ?? [],
    pos: pos(++line),
  }));
  const vendors: VendorDecl[] = Object.entries(spec.vendors ?? {}).map(([name, v]) => ({
    name,
    ...(v.hostedOn ? { hostedOn: v.hostedOn } : {}),
    pos: pos(++line),
  }));
  const fallbacks: FallbackDecl[] = (spec.fallbacks ?? []).map((f) => ({ ...f, pos: pos(++line) }));
  return {
    file: 'faultline.yaml',
    services,
    vendors,
    fallbacks,
    policy: { maxRegionShare: spec.maxRegionShare ?? DEFAULT_MAX_REGION_SHARE, severity: spec.severity ?? {} },
    policyPos: pos(1),
  };
}
