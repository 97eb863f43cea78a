import { LineCounter, isScalar, parseDocument } from 'yaml';
import { ConfigError } from '../core/errors.js';
import { didYouMean } from '../core/text.js';
import { ruleIds, type RuleId, type Severity } from '../analysis/rules.js';
import { IdSyntaxError, parseId } from '../model/ids.js';
import { DEFAULT_MAX_REGION_SHARE, type FallbackDecl, type Manifest, type ManifestOptions, type Policy, type ServiceDecl, type VendorDecl } from './types.js';
import { parseRef, parseRequirements, type RefUse } from './requirements.js';
import { Walker, describe, type Entry, type YamlNode } from './yaml-walk.js';

export type { ManifestOptions } from './types.js';

const TOP_KEYS = ['version', 'services', 'vendors', 'fallbacks', 'policy'] as const;
const SERVICE_KEYS = ['critical', 'resources', 'dependsOn', 'runsOn'] as const;
const RESOURCES_KEYS = ['tags'] as const;
const VENDOR_KEYS = ['hostedOn'] as const;
const FALLBACK_KEYS = ['primary', 'fallback'] as const;
const POLICY_KEYS = ['maxRegionShare', 'severity'] as const;
const SEVERITY_VALUES = ['error', 'warning', 'info', 'off'] as const;
const NAME_HINT = 'names use letters, digits, ".", "_" and "-", and start with a letter or digit';

/**
 * Parses, validates and normalises faultline.yaml. Pure: `file` is only used in positions.
 * Throws a ConfigError (file:line:col, hint) at the first problem, in a fixed order: the YAML
 * syntax, then the structure in document order, then references to undeclared names.
 */
export function parseManifest(text: string, file: string, options: ManifestOptions): Manifest {
  const lines = new LineCounter();
  // uniqueKeys: false because yaml's own duplicate check is quadratic per mapping; Walker.entries checks with a Set.
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter: lines, prettyErrors: false });
  const walker = new Walker(file, doc, lines);
  const syntaxError = doc.errors[0];
  if (syntaxError !== undefined) {
    const { line, col } = lines.linePos(syntaxError.pos[0]);
    const multiple = syntaxError.message.includes('multiple documents');
    throw new ConfigError(multiple ? "the manifest holds more than one YAML document ('---')" : `invalid YAML: ${syntaxError.message.split('\n')[0]!}`, {
      where: `${file}:${line}:${col}`,
      hint: multiple
        ? "keep a single document: remove the '---' separator and what follows, or merge it into the first"
        : 'fix the YAML syntax: check the indentation, quotes, and that each ":" is followed by a space',
    });
  }
  const root = walker.resolve(doc.contents);
  if (walker.isNull(root)) {
    walker.fail(root, 'the manifest is empty', "start it with 'version: 1' and a 'services:' section (see README: faultline.yaml reference)");
  }
  const top = walker.entries(root, 'the top level');
  checkVersion(walker, root, top);
  for (const entry of top) walker.checkAllowed(entry.key, entry.keyNode, 'the top level', TOP_KEYS);

  // Sections in document order, so the first error reported is the first in the file.
  const refs: RefUse[] = [];
  let services: ServiceDecl[] = [];
  let vendors: VendorDecl[] = [];
  let fallbacks: FallbackDecl[] = [];
  let { policy, policyPos } = parsePolicy(walker, undefined);
  for (const entry of top) {
    if (entry.key === 'services') services = parseServices(walker, entry, refs);
    else if (entry.key === 'vendors') vendors = parseVendors(walker, entry, refs);
    else if (entry.key === 'fallbacks') fallbacks = parseFallbacks(walker, entry, refs);
    else if (entry.key === 'policy') ({ policy, policyPos } = parsePolicy(walker, entry));
  }

  checkReferences(walker, refs, services, vendors, options);
  return { file, services, vendors, fallbacks, policy, policyPos };
}

function checkVersion(walker: Walker, root: YamlNode, top: Entry[]): void {
  const version = top.find((e) => e.key === 'version');
  if (version === undefined) walker.fail(root, "'version' is missing", "add 'version: 1' as the first line");
  const value = version.value;
  if (!isScalar(value) || value.value !== 1) {
    walker.fail(value ?? version.keyNode, `unsupported version: ${describe(value)}; this faultline reads version 1`, "write 'version: 1'");
  }
}

/** An absent section or `section:` with no value means "none". */
function present(walker: Walker, entry: Entry | undefined): entry is Entry {
  return entry !== undefined && !walker.isNull(entry.value);
}

function parseServices(walker: Walker, entry: Entry | undefined, refs: RefUse[]): ServiceDecl[] {
  if (!present(walker, entry)) return [];
  return walker.entries(entry.value, 'services', undefined, 'service').map(({ key: name, keyNode, value }) => {
    checkName(walker, keyNode, name, 'service');
    const service: ServiceDecl = { name, critical: false, dependsOn: [], runsOn: [], pos: walker.pos(keyNode) };
    if (walker.isNull(value)) return service;
    const what = `service '${name}'`;
    for (const field of walker.entries(value, what, SERVICE_KEYS)) {
      switch (field.key) {
        case 'critical':
          service.critical = walker.boolean(field.value, `critical in ${what}`);
          break;
        case 'resources':
          service.resources = parseResources(walker, field.value, what);
          break;
        case 'dependsOn':
          service.dependsOn = parseRequirements(walker, field.value, `dependsOn of ${what}`, false, refs);
          break;
        case 'runsOn':
          service.runsOn = parseRequirements(walker, field.value, `runsOn of ${what}`, true, refs);
          break;
      }
    }
    return service;
  });
}

function parseResources(walker: Walker, node: YamlNode, owner: string): { tags: Record<string, string> } {
  const what = `resources of ${owner}`;
  const entries = walker.entries(node, what, RESOURCES_KEYS);
  const tagsEntry = entries.find((e) => e.key === 'tags');
  if (tagsEntry === undefined) walker.fail(node, `${what} needs 'tags'`, 'select resources by tag: resources: { tags: { app: checkout } }');
  const tagsWhat = `resources.tags of ${owner}`;
  const tags: Record<string, string> = {};
  const pairs = walker.entries(tagsEntry.value, tagsWhat);
  if (pairs.length === 0) {
    walker.fail(tagsEntry.value ?? tagsEntry.keyNode, `${tagsWhat} is empty, which would select every resource`, 'name at least one tag, e.g. { app: checkout }');
  }
  for (const { key, value } of pairs) {
    tags[key] = walker.string(value, `the value of tag '${key}' in ${tagsWhat}`, `tag values are strings; quote it: ${key}: "value"`);
  }
  return { tags };
}

function parseVendors(walker: Walker, entry: Entry | undefined, refs: RefUse[]): VendorDecl[] {
  if (!present(walker, entry)) return [];
  return walker.entries(entry.value, 'vendors', undefined, 'vendor').map(({ key: name, keyNode, value }) => {
    checkName(walker, keyNode, name, 'vendor');
    const vendor: VendorDecl = { name, pos: walker.pos(keyNode) };
    if (walker.isNull(value)) return vendor;
    const what = `vendor '${name}'`;
    for (const field of walker.entries(value, what, VENDOR_KEYS)) {
      vendor.hostedOn = parseRequirements(walker, field.value, `hostedOn of ${what}`, true, refs);
    }
    return vendor;
  });
}

function checkName(walker: Walker, keyNode: YamlNode, name: string, noun: 'service' | 'vendor'): void {
  if (name.startsWith('vendor:') && noun === 'vendor') {
    walker.fail(keyNode, `invalid vendor name '${name}'`, `declare it by its bare name under vendors: ${name.slice('vendor:'.length)}`);
  }
  try {
    const kind = parseId(noun === 'vendor' ? `vendor:${name}` : name).kind;
    if (kind !== noun) {
      walker.fail(keyNode, `invalid service name '${name}': it would read as a ${kind} id`, `a service name has no ':'; ${NAME_HINT}`);
    }
  } catch (error) {
    if (!(error instanceof IdSyntaxError)) throw error;
    walker.fail(keyNode, `invalid ${noun} name '${name}': ${error.message}`, NAME_HINT);
  }
}

function parseFallbacks(walker: Walker, entry: Entry | undefined, refs: RefUse[]): FallbackDecl[] {
  if (!present(walker, entry)) return [];
  return walker.items(entry.value, 'fallbacks').map((item, index) => {
    const what = `fallbacks[${index}]`;
    const fields = walker.entries(item, what, FALLBACK_KEYS);
    const get = (key: 'primary' | 'fallback'): string => {
      const field = fields.find((e) => e.key === key);
      if (field === undefined) {
        walker.fail(item, `${what} needs '${key}'`, 'write { primary: vendor:slack, fallback: vendor:teams }');
      }
      return parseRef(walker, field.value, `${key} of ${what}`, refs);
    };
    const primary = get('primary');
    const fallback = get('fallback');
    if (primary === fallback) {
      walker.fail(fields.find((e) => e.key === 'fallback')!.value, `${what} names '${primary}' as its own fallback`, 'a fallback must be a different service or vendor');
    }
    return { primary, fallback, pos: walker.pos(item) };
  });
}

function parsePolicy(walker: Walker, entry: Entry | undefined): { policy: Policy; policyPos: Manifest['policyPos'] } {
  const policy: Policy = { maxRegionShare: DEFAULT_MAX_REGION_SHARE, severity: {} };
  if (entry === undefined) return { policy, policyPos: walker.pos(null) };
  let policyPos = walker.pos(entry.keyNode);
  if (walker.isNull(entry.value)) return { policy, policyPos };
  for (const field of walker.entries(entry.value, 'policy', POLICY_KEYS)) {
    if (field.key === 'maxRegionShare') {
      const share = walker.number(field.value, 'policy.maxRegionShare');
      if (!(share > 0 && share <= 1)) {
        walker.fail(field.value, `policy.maxRegionShare must be more than 0 and at most 1, not ${String(share)}`, 'it is a fraction of the critical services: 0.5 means half');
      }
      policy.maxRegionShare = share;
      policyPos = walker.pos(field.keyNode);
    } else {
      for (const rule of walker.entries(field.value, 'policy.severity', ruleIds)) {
        const level = walker.string(rule.value, `the severity of '${rule.key}'`, `use one of ${SEVERITY_VALUES.join(', ')}`);
        if (!(SEVERITY_VALUES as readonly string[]).includes(level)) {
          const guess = didYouMean(level, SEVERITY_VALUES);
          walker.fail(
            rule.value,
            `unknown severity '${level}' for '${rule.key}'${guess === undefined ? '' : `; did you mean '${guess}'?`}`,
            `use one of ${SEVERITY_VALUES.join(', ')}`,
          );
        }
        policy.severity[rule.key as RuleId] = level as Severity | 'off';
      }
    }
  }
  return { policy, policyPos };
}

/** Bare names must be declared services; vendors declared or known to the catalogue. Places are implicit. */
function checkReferences(walker: Walker, refs: RefUse[], services: ServiceDecl[], vendors: VendorDecl[], options: ManifestOptions): void {
  const serviceNames = new Set(services.map((s) => s.name));
  const vendorNames = new Set(vendors.map((v) => v.name));
  for (const ref of refs) {
    if (ref.kind === 'service' && !serviceNames.has(ref.id)) {
      const guess = didYouMean(ref.id, serviceNames);
      const asVendor = vendorNames.has(ref.id) || options.knownVendors.has(ref.id.toLowerCase());
      walker.fail(
        ref.node,
        `unknown service '${ref.id}' in ${ref.context}${guess === undefined ? '' : `; did you mean '${guess}'?`}`,
        asVendor ? `'${ref.id}' is a vendor: write vendor:${ref.id}` : `declare it under services:, or fix the name`,
      );
    }
    if (ref.kind === 'vendor') {
      const name = ref.id.slice('vendor:'.length);
      // The catalogue matches names case-insensitively (catalog.vendor), so `vendor:Slack` is known too.
      if (vendorNames.has(name) || options.knownVendors.has(name) || options.knownVendors.has(name.toLowerCase())) continue;
      const guess = didYouMean(name, [...vendorNames, ...options.knownVendors]);
      walker.fail(
        ref.node,
        `unknown vendor '${name}' in ${ref.context}${guess === undefined ? '' : `; did you mean 'vendor:${guess}'?`}`,
        serviceNames.has(name)
          ? `'${name}' is a service: write ${name}`
          : `the built-in catalogue does not know '${name}': declare it under vendors: (with hostedOn if you know where it runs)`,
      );
    }
  }
}
