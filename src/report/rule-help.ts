import type { RuleId } from '../analysis/rules.js';

/**
 * How to act on each rule's findings: shown by SARIF viewers (GitHub code scanning's rule help)
 * next to the one-line summary in analysis/rules.ts.
 */
export const ruleHelp: Record<RuleId, string> = {
  'single-region':
    'Every copy of something the service needs lives in one region, so a regional outage (AWS us-east-1, 20 October 2025) takes the service down. Run a replica in a second region and list both in an anyOf group, or accept the risk in the baseline with a reason and an expires date.',
  'single-zone':
    'The service needs something that exists in one availability zone only: one database instance, or private subnets routed through one NAT gateway. Spread replicas over at least two zones (Multi-AZ for RDS, one NAT gateway per zone), or accept the risk in the baseline.',
  'single-account':
    'Everything the service needs lives in one cloud account; an account suspended for billing, compromised or deleted takes it down, backups included. Keep backups and a recovery path in a separate account.',
  'single-provider':
    'The service depends on one cloud provider as a whole. This is usually accepted; it is reported so the decision is explicit.',
  'single-vendor':
    'A SaaS vendor is on the critical path with no alternative. Declare a fallback (anyOf: [vendor:a, vendor:b]) and make sure it is hosted elsewhere, or accept the risk in the baseline.',
  spof: 'One service or resource failing alone takes a different critical service down. Add redundancy for it, or make the dependent service degrade gracefully and model that with an anyOf group.',
  'shared-fate':
    'A redundancy group, or a declared primary and fallback, fails as a whole under one single failure: the redundancy is an illusion (a "backup" chat tool hosted in the same region as the primary). Move one member to a different region, provider or vendor.',
  'region-concentration':
    'Losing one region takes down a larger share of the critical services than policy.maxRegionShare allows. Move critical services, or their replicas, to other regions, or raise the policy deliberately.',
  'unknown-hosting':
    "Where this vendor runs is unknown, so faultline cannot tell which failures take it down. Declare it in faultline.yaml under vendors: <name>: hostedOn: [...] (the vendor's status page or trust centre usually says).",
  'dependency-cycle':
    'Services depend on each other in a cycle, so none of them can start or recover on its own after an outage. Break the cycle, or make one of the dependencies optional.',
  'control-plane':
    'A global resource whose control plane lives in us-east-1: when that region fails, traffic keeps flowing but changes (DNS updates, certificate renewals, deployments) stop. Plan changes during an outage without it.',
};
