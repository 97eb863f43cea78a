import { confidences, type VendorHosting } from './types.js';
import { checkKey, checkUrl, readRequirements } from './check.js';
import type { Indexed, YamlReader } from './yaml-reader.js';

const FIELDS = [
  'key', 'title', 'owner', 'category', 'platform', 'aliases', 'hostedOn', 'customerSelected', 'providers',
  'confidence', 'asOf', 'sources', 'sharesFailureDomainWith', 'note', 'outages',
] as const;

/** Reads vendors.yaml: shape and per-entry rules. Cross-references are checked by the loader. */
export function readVendors(reader: YamlReader): Indexed<VendorHosting>[] {
  if (reader.root === undefined) return [];
  const root = reader.object(reader.root, [], ['schemaVersion', 'vendors']);
  if (!root) return [];
  if (root.schemaVersion !== 1) reader.problem(['schemaVersion'], 'schemaVersion must be 1');
  const out: Indexed<VendorHosting>[] = [];
  reader.list(root, 'vendors', []).forEach((raw, i) => {
    const path = ['vendors', i];
    const r = reader.object(raw, path, FIELDS);
    if (!r) return;
    const name = reader.string(r, 'key', path);
    checkKey(reader, name, [...path, 'key'], 'vendor key');
    const aliases = reader.stringList(r, 'aliases', path, true);
    aliases.forEach((alias, j) => checkKey(reader, alias, [...path, 'aliases', j], 'alias'));
    const hostedOn = r.hostedOn === undefined ? (reader.problem([...path, 'hostedOn'], "'hostedOn' is missing (use [] when unknown)"), []) : readRequirements(reader, r.hostedOn, [...path, 'hostedOn']);
    const confidence = reader.oneOf(r, 'confidence', path, confidences);
    const customerSelected = reader.boolean(r, 'customerSelected', path);
    const sources = reader.stringList(r, 'sources', path);
    sources.forEach((url, j) => checkUrl(reader, url, [...path, 'sources', j]));
    const vendor: VendorHosting = {
      name,
      title: reader.string(r, 'title', path),
      category: reader.string(r, 'category', path),
      aliases,
      hostedOn,
      providers: reader.stringList(r, 'providers', path),
      customerSelected,
      platform: reader.boolean(r, 'platform', path),
      confidence,
      sources,
      asOf: reader.string(r, 'asOf', path),
      outages: reader.stringList(r, 'outages', path, true),
    };
    const owner = reader.string(r, 'owner', path, true);
    if (owner !== undefined) vendor.owner = owner;
    const note = reader.string(r, 'note', path, true);
    if (note !== undefined) vendor.note = note;
    if (r.sharesFailureDomainWith !== undefined) vendor.sharesFailureDomainWith = reader.stringList(r, 'sharesFailureDomainWith', path);

    // Unknown must stay unknown, and a claim must carry its evidence.
    if (Array.isArray(r.hostedOn) && r.hostedOn.length === 0 && confidence !== 'unknown' && !customerSelected) {
      reader.problem([...path, 'hostedOn'], `vendor '${name}': an empty hostedOn means unknown: set confidence: unknown, or customerSelected: true`);
    }
    if (hostedOn.length > 0 && confidence === 'unknown') {
      reader.problem([...path, 'confidence'], `vendor '${name}': confidence is unknown but hostedOn claims ${hostedOn.length} requirement(s)`);
    }
    if (customerSelected && hostedOn.length > 0) {
      reader.problem([...path, 'hostedOn'], `vendor '${name}': a customer-selected vendor has no catalogue hosting; leave hostedOn empty`);
    }
    if (sources.length === 0 && confidence !== 'unknown') {
      reader.problem([...path, 'sources'], `vendor '${name}': a ${confidence}-confidence entry needs at least one source URL`);
    }
    if (sources.length === 0 && note === undefined) {
      reader.problem([...path, 'note'], `vendor '${name}': an entry without sources needs a note saying what was searched`);
    }
    out.push({ entry: vendor, index: i });
  });
  return out;
}
