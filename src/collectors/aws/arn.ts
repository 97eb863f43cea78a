/**
 * ARN parsing: `arn:partition:service:region:account:resource`, split at most five times
 * because the resource part may itself hold `:` and `/`. Region and account may be empty
 * (S3 buckets have neither; CloudFront has no region).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): Arn | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  const resource = arn.slice(start);
  if (parts[0] !== 'arn' || !parts[1] || !parts[2] || resource === '') return undefined;
  return { partition: parts[1], service: parts[2], region: parts[3]!, account: parts[4]!, resource };
}

/** Services whose ARNs name the resource without a type prefix. */
const UNPREFIXED: Record<string, string> = { s3: 'bucket', sqs: 'queue', sns: 'topic' };

/** `<service>:<type>` as the Tagging API's ResourceTypeFilters spell it: `ec2:instance`, `rds:db`, `s3:bucket`. */
export function resourceType(arn: Arn): string {
  const fixed = UNPREFIXED[arn.service];
  if (fixed !== undefined) return `${arn.service}:${fixed}`;
  const end = arn.resource.search(/[/:]/);
  return `${arn.service}:${end < 0 ? arn.resource : arn.resource.slice(0, end)}`;
}

/** `loadbalancer/app/<name>/<id>` (also net, gwy) and `targetgroup/<name>/<id>`: the name, not the id. */
const ELB_NAMED = /^(?:loadbalancer\/(?:app|net|gwy)|targetgroup)\/([^/]+)\/[^/]+$/;

/**
 * A readable fallback name: the last segment of the resource part, or for an ELBv2 load
 * balancer or target group its name (the last segment is a hash).
 */
export function arnName(arn: Arn): string {
  if (arn.service === 'elasticloadbalancing') {
    const named = ELB_NAMED.exec(arn.resource);
    if (named) return named[1]!;
  }
  const parts = arn.resource.split(/[/:]/);
  return parts[parts.length - 1] || arn.resource;
}

export function ec2Arn(region: string, account: string, type: string, id: string, partition = 'aws'): string {
  return `arn:${partition}:ec2:${region}:${account}:${type}/${id}`;
}
