import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { RDSClient } from '@aws-sdk/client-rds';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';

/** Credentials: static (tests) or a provider (the SDK's default chain, an assumed role). */
export type Credentials = NonNullable<EC2ClientConfig['credentials']>;
type CredentialProvider = ReturnType<typeof fromNodeProviderChain>;

/** How every client is built; the one place SDK client configuration lives. */
export interface ClientSettings {
  credentials: Credentials;
  /**
   * An explicit endpoint (the replay server). Leave unset in normal use: the SDK then honours
   * AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EC2 and friends from the environment or the profile.
   */
  endpoint?: string | undefined;
  /** Retry override: attempts and a fixed delay. Tests use 0 ms so throttling never sleeps. */
  retry?: { maxAttempts: number; delayMs: number } | undefined;
}

/** The clients for one account and region. */
export interface RegionClients {
  ec2: EC2Client;
  tagging: ResourceGroupsTaggingAPIClient;
  rds: RDSClient;
  elbv2: ElasticLoadBalancingV2Client;
  /** Closes the keep-alive sockets; without it a process (or test runner) lingers. */
  destroy(): void;
}

function commonConfig(region: string, settings: ClientSettings) {
  return {
    region,
    credentials: settings.credentials,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.retry === undefined
      ? {}
      : { retryStrategy: new ConfiguredRetryStrategy(settings.retry.maxAttempts, settings.retry.delayMs) }),
  };
}

export function createRegionClients(region: string, settings: ClientSettings): RegionClients {
  const ec2 = new EC2Client(commonConfig(region, settings));
  const tagging = new ResourceGroupsTaggingAPIClient(commonConfig(region, settings));
  const rds = new RDSClient(commonConfig(region, settings));
  const elbv2 = new ElasticLoadBalancingV2Client(commonConfig(region, settings));
  return {
    ec2,
    tagging,
    rds,
    elbv2,
    destroy() {
      ec2.destroy();
      tagging.destroy();
      rds.destroy();
      elbv2.destroy();
    },
  };
}

/** The SDK's default chain: env, SSO, shared config/credentials (`--profile`), process, web identity, IMDS. */
export function defaultCredentials(profile: string | undefined): CredentialProvider {
  return fromNodeProviderChain(profile === undefined ? {} : { profile });
}

/**
 * Credentials for a role in another account, assumed with STS AssumeRole from `base`. The
 * inner STS client uses the same endpoint override (or AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL).
 */
export function assumedRoleCredentials(roleArn: string, base: Credentials, region: string, settings: Pick<ClientSettings, 'endpoint'>): CredentialProvider {
  return shareCredentials(fromTemporaryCredentials({
    masterCredentials: base,
    params: { RoleArn: roleArn, RoleSessionName: 'faultline-collect', DurationSeconds: 3600 },
    clientConfig: { region, ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }) },
  }));
}

/** Refresh this long before expiry, as the SDK's own memoisation does. */
const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * One credential fetch shared by every client of an identity: each SDK client memoises its own
 * provider, so without this each region's clients would call AssumeRole again.
 */
export function shareCredentials(provider: CredentialProvider): CredentialProvider {
  let pending: ReturnType<CredentialProvider> | undefined;
  const refresh = (): ReturnType<CredentialProvider> => {
    const attempt = provider();
    pending = attempt;
    attempt.catch(() => {
      if (pending === attempt) pending = undefined;
    });
    return attempt;
  };
  return async () => {
    const current = await (pending ?? refresh());
    if (current.expiration !== undefined && current.expiration.getTime() - Date.now() < REFRESH_BEFORE_MS) return refresh();
    return current;
  };
}
