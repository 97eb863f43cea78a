import { Option, type Command } from 'commander';
import { DEFAULT_CONCURRENCY } from '../collectors/aws/defaults.js';
import type { AwsCollectorOptions } from '../collectors/aws/index.js';
import type { Progress } from '../collectors/types.js';
import { CollectorError, UsageError } from '../core/errors.js';
import { didYouMean, plural, sanitizeForTerminal } from '../core/text.js';
import type { Snapshot, SnapshotResource } from '../model/snapshot.js';
import type { ReplayFaults } from '../replay/server.js';
import type { Io } from './io.js';
import { packageVersion } from './version.js';

/** The AWS flags shared by `collect` and `audit`, as commander parses them. */
export interface AwsCliOptions {
  aws?: boolean;
  /** `all` or `r1,r2` */
  regions?: string;
  profile?: string;
  roleArn?: string[];
  concurrency?: string;
  strict?: boolean;
}

/** Adds --aws, --regions, --profile, --role-arn (repeatable), --concurrency and --strict. */
export function addAwsOptions(command: Command): Command {
  return command
    .option('--aws', 'collect from AWS with the SDK default credentials (env, profile, SSO)')
    .option('--regions <list>', 'regions to collect: all (the enabled ones) or r1,r2', 'all')
    .option('--profile <name>', 'AWS profile from ~/.aws/config')
    .addOption(
      new Option('--role-arn <arn>', 'assume this role (repeat for one role per account)').argParser((value: string, previous: string[] | undefined) => [
        ...(previous ?? []),
        value,
      ]),
    )
    .option('--concurrency <n>', 'regions collected at once', String(DEFAULT_CONCURRENCY))
    .option('--strict', 'exit 2 when any region or API could not be collected');
}

/** Region codes as AWS spells them: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `ap-southeast-5`. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** For "did you mean" hints only; the enabled list comes from DescribeRegions. */
const KNOWN_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'ca-west-1', 'sa-east-1', 'mx-central-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'ap-south-1', 'ap-south-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2',
  'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ap-east-1', 'me-south-1', 'me-central-1',
  'il-central-1', 'af-south-1', 'us-gov-west-1', 'us-gov-east-1',
];

/** `all` → undefined (every enabled region); `a,b` → validated list. */
export function parseRegions(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === 'all') return undefined;
  const regions = [...new Set(value.split(',').map((r) => r.trim()).filter((r) => r !== ''))];
  if (regions.length === 0) throw new UsageError('--regions is empty', { hint: 'pass all, or a list such as us-east-1,eu-west-1' });
  for (const region of regions) {
    if (!REGION.test(region)) {
      const near = didYouMean(region, KNOWN_REGIONS);
      throw new UsageError(`'${region}' is not an AWS region code`, {
        where: '--regions',
        hint: near ? `did you mean ${near}?` : 'region codes look like us-east-1 or eu-west-1; pass all for every enabled region',
      });
    }
  }
  return regions;
}

function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CONCURRENCY;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64, got '${value}'`, { hint: `the default, ${DEFAULT_CONCURRENCY}, collects every default-enabled region at once` });
  }
  return n;
}

/** Progress on a TTY (one line rewritten in place); warnings always, one per line. */
export function stderrProgress(io: Io): Progress {
  const tty = io.stderr.isTTY === true;
  let shown = false;
  const clear = (): void => {
    if (shown) io.stderr.write('\r\u001b[K');
    shown = false;
  };
  return {
    update(message) {
      if (!tty) return;
      io.stderr.write(`\r\u001b[K${sanitizeForTerminal(message)}`);
      shown = true;
    },
    warn(message) {
      clear();
      io.stderr.write(`faultline: warning: ${sanitizeForTerminal(message)} (continuing)\n`);
    },
  };
}

/** Extra knobs for callers that are not the command line: the demo, tests. */
export interface CollectAwsExtras {
  /** Streams resources instead of returning them (see CollectContext.sink). */
  sink?: (resource: SnapshotResource) => void;
  /** Stops the collection, cancelling the requests in flight (Ctrl-C). */
  signal?: AbortSignal;
  /** Overrides of what the flags and the environment give (endpoint, credentials, retry). */
  overrides?: Partial<AwsCollectorOptions>;
  /** Leave --strict to the caller (collect writes the snapshot first, then fails). */
  deferStrict?: boolean;
}

/**
 * Collects AWS from parsed CLI flags: what `collect --aws` and `audit --aws` call. Throws
 * UsageError on bad flags and CollectorError when collection cannot run or, with --strict,
 * when anything was left out.
 */
export async function collectAws(cli: AwsCliOptions, io: Io, extras: CollectAwsExtras = {}): Promise<Snapshot> {
  const regions = parseRegions(cli.regions);
  const progress = stderrProgress(io);
  const options: AwsCollectorOptions = {
    regions,
    profile: cli.profile,
    roleArns: cli.roleArn,
    concurrency: parseConcurrency(cli.concurrency),
    homeRegion: regions?.[0] ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION,
    endpointHint: io.env.AWS_ENDPOINT_URL_EC2 ?? io.env.AWS_ENDPOINT_URL,
    toolVersion: packageVersion(),
    ...extras.overrides,
  };
  let snapshot: Snapshot;
  try {
    // Loaded on use: the AWS SDK takes about half a second to import, which every `audit` of a
    // snapshot file would otherwise pay before reading a byte.
    const { awsCollector } = await import('../collectors/aws/index.js');
    snapshot = await awsCollector(options).collect({ progress, ...(extras.sink ? { sink: extras.sink } : {}), ...(extras.signal ? { signal: extras.signal } : {}) });
  } finally {
    if (io.stderr.isTTY === true) io.stderr.write('\r\u001b[K');
  }
  if (!extras.deferStrict) enforceStrict(snapshot, cli.strict);
  return snapshot;
}

/** With --strict, any diagnostic (a denied region or API) fails the run. */
export function enforceStrict(snapshot: Snapshot, strict: boolean | undefined): void {
  if (!strict || snapshot.diagnostics.length === 0) return;
  const first = snapshot.diagnostics[0]!;
  throw new CollectorError(
    `${plural(snapshot.diagnostics.length, 'collection problem')} with --strict (first: ${[first.region, first.api].filter(Boolean).join(' ')}: ${first.code ?? ''} ${sanitizeForTerminal(first.message)})`,
    { hint: 'grant the read-only permissions listed in the README, narrow --regions, or drop --strict' },
  );
}

/**
 * Collects a recorded estate (fixtures/aws/<estate>) through the real SDK against the local
 * replay endpoint: what `faultline demo` runs. Fake static credentials; nothing leaves 127.0.0.1.
 */
export async function collectReplayedEstate(estateDir: string, io: Io, faults?: ReplayFaults): Promise<Snapshot> {
  // The SDK warns on Node 20 about its 2027 support window; the demo output should not.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { startReplayServer } = await import('../replay/server.js');
  const server = await startReplayServer({ estateDir, ...(faults ? { faults } : {}) });
  try {
    return await collectAws({ regions: 'all' }, io, {
      overrides: {
        endpoint: server.url,
        endpointHint: server.url,
        homeRegion: 'us-east-1',
        credentials: { accessKeyId: 'AKIAREPLAYDEMO', secretAccessKey: 'replay' },
      },
    });
  } finally {
    await server.close();
  }
}
