import { analyze } from '../../src/analysis/analyze.js';
import type { Report } from '../../src/analysis/types.js';
import { emptyCatalog, type Catalog } from '../../src/catalog/types.js';
import type { Manifest } from '../../src/config/types.js';
import { compileEstate } from '../../src/model/estate.js';
import { emptySnapshot, type Snapshot } from '../../src/model/snapshot.js';

/** Compiles and analyses an estate in one call. */
export function analyzeEstate(input: { manifest?: Manifest; snapshot?: Snapshot; catalog?: Catalog }): Report {
  const estate = compileEstate({
    snapshot: input.snapshot ?? emptySnapshot(),
    manifest: input.manifest,
    catalog: input.catalog ?? emptyCatalog,
  });
  return analyze(estate);
}

export function blastOf(report: Report, failure: string): string[] {
  return report.blastRadius.find((b) => b.failure === failure)?.services ?? [];
}
