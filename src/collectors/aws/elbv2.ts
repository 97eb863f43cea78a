import { paginateDescribeLoadBalancers, type ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { CallOptions } from './call-options.js';

/** DescribeLoadBalancers returns up to 400 per page. */
const PAGE = 400;

/** What faultline needs of an Application, Network or Gateway Load Balancer. */
export interface LoadBalancerInfo {
  arn: string;
  name: string | undefined;
  /** `application`, `network` or `gateway`. */
  type: string | undefined;
  /** `active`, `provisioning`, `active_impaired` or `failed`. */
  state: string | undefined;
  /** The zones it has a node in: zone NAMES (mapped to zone ids by the caller) and subnet ids. */
  zones: { zoneName: string | undefined; subnetId: string | undefined }[];
}

/**
 * Every load balancer (ELBv2) in the client's region, all pages (Marker / PageSize). A load
 * balancer has a node in each zone of the subnets it is attached to, so it is as zonal as they
 * are: an Application Load Balancer needs two zones, but a Network or Gateway Load Balancer may
 * sit in one. GetResources has no zones, and never lists one that was never tagged.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeLoadBalancers.html
 */
export async function describeLoadBalancers(client: ElasticLoadBalancingV2Client, call: CallOptions = {}): Promise<LoadBalancerInfo[]> {
  const found: LoadBalancerInfo[] = [];
  // A fresh input object each call: the paginator writes its Marker into the one it is given.
  for await (const page of paginateDescribeLoadBalancers({ client, pageSize: PAGE }, {}, call)) {
    for (const lb of page.LoadBalancers ?? []) {
      if (!lb.LoadBalancerArn) continue;
      found.push({
        arn: lb.LoadBalancerArn,
        name: lb.LoadBalancerName,
        type: lb.Type,
        state: lb.State?.Code,
        zones: (lb.AvailabilityZones ?? []).map((z) => ({ zoneName: z.ZoneName, subnetId: z.SubnetId })),
      });
    }
  }
  return found;
}
