/**
 * The one reference syntax used everywhere: in faultline.yaml, the JSON report, DOT/Mermaid node
 * ids and `simulate --fail`. See DESIGN.md section 2.
 *
 *   checkout                      service (bare name)
 *   vendor:slack                  SaaS vendor
 *   provider:aws                  provider
 *   aws:us-east-1                 region or site (`onprem:paris-dc1`)
 *   aws:us-east-1/use1-az2        zone (AWS: the zone id, which is the same in every account)
 *   account:aws:123456789012      account
 *   arn:aws:rds:...               cloud resource (its ARN or provider-native id)
 */

export type IdKind = 'service' | 'vendor' | 'provider' | 'region' | 'zone' | 'account' | 'resource';

export type ParsedId =
  | { kind: 'service'; name: string }
  | { kind: 'vendor'; name: string }
  | { kind: 'provider'; provider: string }
  | { kind: 'region'; provider: string; region: string }
  | { kind: 'zone'; provider: string; region: string; zone: string }
  | { kind: 'account'; provider: string; account: string }
  | { kind: 'resource'; arn: string };

/** Why an id did not parse, phrased to follow "invalid id 'x': ". */
export class IdSyntaxError extends Error {}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PROVIDER = /^[a-z][a-z0-9-]*$/;
const PLACE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Parses an id; throws IdSyntaxError with a message that says what is wrong. */
export function parseId(id: string): ParsedId {
  if (id.length === 0) throw new IdSyntaxError('the id is empty');
  if (/\s/.test(id)) throw new IdSyntaxError('ids cannot contain spaces');
  if (id.startsWith('arn:')) {
    // arn:partition:service:region:account:resource; region and account may be empty (S3).
    const parts = id.split(':');
    if (parts.length < 6 || !parts[1] || !parts[2] || parts.slice(5).join(':') === '') {
      throw new IdSyntaxError('an ARN needs the form arn:partition:service:region:account:resource');
    }
    return { kind: 'resource', arn: id };
  }
  const colon = id.indexOf(':');
  if (colon < 0) {
    if (!NAME.test(id)) throw new IdSyntaxError('a service name uses letters, digits, ".", "_" and "-"');
    return { kind: 'service', name: id };
  }
  const head = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  if (head === 'vendor') {
    if (rest === '') throw new IdSyntaxError("the vendor name is missing after 'vendor:'");
    if (!NAME.test(rest)) throw new IdSyntaxError('a vendor name uses letters, digits, ".", "_" and "-"');
    return { kind: 'vendor', name: rest };
  }
  if (head === 'provider') {
    if (rest === '') throw new IdSyntaxError("the provider is missing after 'provider:'");
    if (!PROVIDER.test(rest)) throw new IdSyntaxError('a provider is lower-case letters, digits and "-"');
    return { kind: 'provider', provider: rest };
  }
  if (head === 'account') {
    const inner = rest.indexOf(':');
    const provider = inner < 0 ? rest : rest.slice(0, inner);
    const account = inner < 0 ? '' : rest.slice(inner + 1);
    if (!PROVIDER.test(provider) || account === '' || !PLACE.test(account)) {
      throw new IdSyntaxError('an account id has the form account:<provider>:<id>, e.g. account:aws:123456789012');
    }
    return { kind: 'account', provider, account };
  }
  if (!PROVIDER.test(head)) throw new IdSyntaxError(`'${head}' is not a provider name (lower-case letters, digits, "-")`);
  if (rest === '') throw new IdSyntaxError(`the region is missing after '${head}:', e.g. ${head}:us-east-1`);
  const slash = rest.indexOf('/');
  if (slash < 0) {
    if (!PLACE.test(rest)) throw new IdSyntaxError(`'${rest}' is not a region or site name`);
    return { kind: 'region', provider: head, region: rest };
  }
  const region = rest.slice(0, slash);
  const zone = rest.slice(slash + 1);
  if (!PLACE.test(region)) throw new IdSyntaxError(`'${region}' is not a region name`);
  if (zone === '') throw new IdSyntaxError(`the zone is missing after '${head}:${region}/'`);
  if (!PLACE.test(zone)) throw new IdSyntaxError(`'${zone}' is not a zone name`);
  return { kind: 'zone', provider: head, region, zone };
}

/** The kind of an id without building the parsed object; assumes a valid id. */
export function idKind(id: string): IdKind {
  if (id.startsWith('arn:')) return 'resource';
  const colon = id.indexOf(':');
  if (colon < 0) return 'service';
  const head = id.slice(0, colon);
  if (head === 'vendor') return 'vendor';
  if (head === 'provider') return 'provider';
  if (head === 'account') return 'account';
  return id.includes('/', colon) ? 'zone' : 'region';
}

export const providerId = (provider: string): string => `provider:${provider}`;
export const regionId = (provider: string, region: string): string => `${provider}:${region}`;
export const zoneId = (provider: string, region: string, zone: string): string => `${provider}:${region}/${zone}`;
export const accountId = (provider: string, account: string): string => `account:${provider}:${account}`;
export const vendorId = (name: string): string => `vendor:${name}`;
