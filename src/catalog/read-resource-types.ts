import type { Placement } from '../model/snapshot.js';
import { confidences, type ResourceProfile } from './types.js';
import { checkUrl } from './check.js';
import type { Indexed, YamlReader } from './yaml-reader.js';

const FIELDS = ['type', 'placement', 'controlPlaneRegion', 'confidence', 'asOf', 'source', 'note'] as const;
const PLACEMENTS: readonly Placement[] = ['zonal', 'regional', 'global'];
const TYPE = /^[a-z0-9-]+:[a-z0-9-]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Reads aws-resource-types.yaml. */
export function readResourceTypes(reader: YamlReader): Indexed<ResourceProfile>[] {
  if (reader.root === undefined) return [];
  const root = reader.object(reader.root, [], ['schemaVersion', 'resourceTypes']);
  if (!root) return [];
  if (root.schemaVersion !== 1) reader.problem(['schemaVersion'], 'schemaVersion must be 1');
  const out: Indexed<ResourceProfile>[] = [];
  const seen = new Set<string>();
  reader.list(root, 'resourceTypes', []).forEach((raw, i) => {
    const path = ['resourceTypes', i];
    const r = reader.object(raw, path, FIELDS);
    if (!r) return;
    const type = reader.string(r, 'type', path);
    if (type !== '' && !TYPE.test(type)) reader.problem([...path, 'type'], `type '${type}' must be <service>:<type> in lower case, e.g. ec2:instance`);
    if (seen.has(type)) reader.problem([...path, 'type'], `type '${type}' is listed twice`);
    seen.add(type);
    const source = reader.string(r, 'source', path);
    if (source !== '') checkUrl(reader, source, [...path, 'source']);
    const profile: ResourceProfile = {
      type,
      placement: reader.oneOf(r, 'placement', path, PLACEMENTS),
      source,
      confidence: reader.oneOf(r, 'confidence', path, confidences),
      asOf: reader.string(r, 'asOf', path),
    };
    if (profile.confidence === 'unknown') reader.problem([...path, 'confidence'], `type '${type}': a resource profile cannot have unknown confidence; leave the type out instead`);
    const controlPlaneRegion = reader.string(r, 'controlPlaneRegion', path, true);
    if (controlPlaneRegion !== undefined) {
      if (!REGION.test(controlPlaneRegion)) reader.problem([...path, 'controlPlaneRegion'], `'${controlPlaneRegion}' is not an AWS region code`);
      if (profile.placement !== 'global') reader.problem([...path, 'controlPlaneRegion'], `type '${type}': only a global type has a single control-plane region`);
      profile.controlPlaneRegion = controlPlaneRegion;
    }
    const note = reader.string(r, 'note', path, true);
    if (note !== undefined) profile.note = note;
    out.push({ entry: profile, index: i });
  });
  return out;
}
