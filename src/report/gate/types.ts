import type { GateResult } from '../../analysis/gate.js';
import type { SourcePos } from '../../core/errors.js';
import type { Style } from '../style.js';

/** How a gate reporter renders. */
export interface GateRenderOptions {
  style: Style;
  /** List the known (baselined) findings in full, not just count them. */
  verbose?: boolean;
  /** Terminal columns for the table (default 100). */
  width?: number;
  /** faultline's version, for SARIF's tool.driver and JUnit. */
  toolVersion: string;
  /** Where a service is declared (its key in faultline.yaml), for SARIF locations. */
  locate?: (service: string) => SourcePos | undefined;
  /**
   * Where estate-wide findings, and those of services not declared in a manifest, point:
   * `policy.maxRegionShare`, or the start of the manifest or snapshot.
   */
  estateLocation?: SourcePos;
}

/** A renderer of the gate's result: a pure function to text ending in "\n". */
export type GateReporter = (result: GateResult, options: GateRenderOptions) => string;
