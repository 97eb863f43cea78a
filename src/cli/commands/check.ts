import { InvalidArgumentError, Option, type Command } from 'commander';
import { isIsoDate } from '../../analysis/baseline.js';
import { gateReporterNames } from '../../report/gate/index.js';
import { addAwsOptions, type AwsCliOptions } from '../aws-options.js';
import { DEFAULT_BASELINE, runCheck, type CheckOptions } from '../check-flow.js';
import type { CliContext } from '../context.js';
import { loadReport } from '../load-estate.js';

interface CheckCliOptions extends AwsCliOptions, CheckOptions {
  config?: string;
  serviceTag?: string;
}

/** `YYYY-MM-DD`, a real date: `--today`. */
function isoDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError(`expected a date written YYYY-MM-DD, got '${value}'`);
  return value;
}

export function registerCheck(program: Command, ctx: CliContext): Command {
  const command = program
    .command('check')
    .description('CI gate: exit 1 on findings that are not in the baseline; --update-baseline accepts the current ones')
    .argument('[snapshot]', 'a snapshot written by `faultline collect` (or use --aws, or only --config)')
    .option('-c, --config <file>', 'faultline.yaml (default: ./faultline.yaml when present)')
    .option('-b, --baseline <file>', 'the accepted findings', DEFAULT_BASELINE)
    .option('--update-baseline', 'write the current findings as the baseline (keeps reasons and expiry dates) and exit 0')
    .addOption(new Option('--fail-on <severity>', 'the least severity of a new finding that fails the gate').choices(['error', 'warning', 'info']).default('error'))
    .option('--fail-on-stale', 'also fail when baseline entries were fixed, so the baseline only shrinks')
    .addOption(new Option('-f, --format <format>', 'output format').choices(gateReporterNames).default('table'))
    .option('-o, --output <file>', 'write the report to a file (atomically); the summary line goes to stderr')
    .option('--today <date>', 'judge expires dates as of this day, YYYY-MM-DD (default: today, UTC)', isoDate)
    .option('--service-tag <key>', "the tag that names a resource's service (default: service, app, application, aws:cloudformation:stack-name)")
    .option('-v, --verbose', 'list the known findings too');
  addAwsOptions(command);
  return command.action(async (snapshot: string | undefined, options: CheckCliOptions) => {
    const { report, manifest } = await loadReport({ ...options, snapshot }, ctx.io);
    await runCheck({ report, manifest, snapshotPath: snapshot }, options, ctx);
  });
}
