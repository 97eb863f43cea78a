import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import { gateSummary, type GateResult } from '../../analysis/gate.js';
import { ruleIds, rules, type Severity } from '../../analysis/rules.js';
import type { Finding } from '../../analysis/types.js';
import type { SourcePos } from '../../core/errors.js';
import { sanitizeForTerminal as clean } from '../../core/text.js';
import { ruleHelp } from '../rule-help.js';
import type { GateRenderOptions, GateReporter } from './types.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The key of the stable finding id in `partialFingerprints`, which code scanning tracks alerts by. */
export const FINGERPRINT_KEY = 'faultlineFindingId/v1';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * Results per run that GitHub code scanning accepts: it rejects a SARIF file with more (and shows
 * the top 5,000 by severity). https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit
 * A million-resource estate has about 200,000 findings: all of them would make a 300 MB file that
 * code scanning refuses, so the new ones come first and the list stops here.
 */
export const SARIF_MAX_RESULTS = 25_000;

/** How many findings the SARIF of this gate result leaves out (see SARIF_MAX_RESULTS). */
export function sarifOmitted(result: Pick<GateResult, 'fresh' | 'known' | 'below'>): number {
  return Math.max(0, result.fresh.length + result.known.length + result.below.length - SARIF_MAX_RESULTS);
}

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with its description and help, and every
 * current finding as a result located at the service's declaration in faultline.yaml.
 * `baselineState` says new or unchanged; findings the baseline accepts carry an external,
 * accepted suppression with the baseline's reason, so code scanning does not re-raise them.
 */
export const gateSarif: GateReporter = (result, options) => {
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const known = new Map(result.known.map((k) => [k.finding.id, k.entry]));
  const fresh = new Set(result.fresh.map((f) => f.id));
  const expired = new Map(result.expired.map((e) => [e.id, e]));
  const findings = [...result.fresh, ...result.known.map((k) => k.finding), ...result.below].slice(0, SARIF_MAX_RESULTS);
  const omitted = sarifOmitted(result);

  const results = findings.map((finding): Result => {
    const entry = known.get(finding.id);
    const expiry = expired.get(finding.id);
    const because = finding.because.length > 0 ? ` (${finding.because.map(clean).join(' → ')})` : '';
    const note = expiry ? ` The baseline entry expired on ${clean(expiry.expires ?? '')}.` : '';
    const out: Result = {
      ruleId: finding.rule,
      ruleIndex: index.get(finding.rule) ?? -1,
      level: LEVEL[finding.severity],
      message: { text: `${clean(finding.message).replace(/\.$/, '')}${because}.${note}` },
      locations: location(finding, options),
      partialFingerprints: { [FINGERPRINT_KEY]: finding.id },
      properties: { subject: finding.subject, service: finding.service, because: [...finding.because] },
    };
    if (out.locations?.length === 0) delete out.locations;
    if (fresh.has(finding.id)) out.baselineState = 'new';
    else if (entry) {
      out.baselineState = 'unchanged';
      out.suppressions = [{ kind: 'external', status: 'accepted', ...(entry.reason ? { justification: entry.reason } : {}) }];
    }
    return out;
  });

  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'faultline',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            rules: ruleIds.map(descriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          passed: result.passed,
          failOn: result.failOn,
          summary: gateSummary(result),
          ...(omitted > 0 ? { omittedResults: omitted, omittedBecause: `GitHub code scanning accepts at most ${SARIF_MAX_RESULTS} results per run; new findings come first` } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function descriptor(id: (typeof ruleIds)[number]): ReportingDescriptor {
  const rule = rules[id];
  return {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.summary },
    fullDescription: { text: `${rule.summary} ${ruleHelp[id]}` },
    help: { text: ruleHelp[id], markdown: `**${rule.summary}**\n\n${ruleHelp[id]}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['reliability', 'resilience'] },
  };
}

function location(finding: Finding, options: GateRenderOptions): Location[] {
  const pos = (finding.service === '' ? undefined : options.locate?.(finding.service)) ?? options.estateLocation;
  const logical = { fullyQualifiedName: finding.subject, kind: 'resource' };
  if (pos === undefined) return [];
  return [
    {
      physicalLocation: {
        artifactLocation: artifact(pos),
        region: { startLine: Math.max(1, pos.line), startColumn: Math.max(1, pos.col) },
      },
      logicalLocations: [logical],
    },
  ];
}

/** Relative paths stay relative to the checkout root, as code scanning expects; absolute ones become file URLs. */
function artifact(pos: SourcePos): { uri: string; uriBaseId?: string } {
  if (isAbsolute(pos.file)) return { uri: pathToFileURL(pos.file).href };
  const relative = pos.file.replace(/\\/g, '/').replace(/^\.\//, '');
  return { uri: relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
