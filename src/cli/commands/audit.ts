import type { Command } from 'commander';
import { SEVERITY_RANK } from '../../analysis/rules.js';
import type { Report } from '../../analysis/types.js';
import { reporters, type ReporterName } from '../../report/index.js';
import { plainStyle } from '../../report/style.js';
import { addAwsOptions, type AwsCliOptions } from '../aws-options.js';
import type { CliContext } from '../context.js';
import type { Io } from '../io.js';
import { loadReport } from '../load-estate.js';
import { failOnOption, formatOption, positiveInt, type FailOn } from '../options.js';
import { writeOutput } from '../output.js';
import { phaseTimer } from '../timings.js';
import { jsonChunks } from '../../report/json.js';
import { styleFor } from '../style.js';

export interface AuditOptions extends AwsCliOptions {
  config?: string;
  format: ReporterName;
  top?: number;
  output?: string;
  serviceTag?: string;
  pairs?: boolean;
  failOn: FailOn;
  verbose?: boolean;
}

export function registerAudit(program: Command, ctx: CliContext): Command {
  const command = program
    .command('audit')
    .description('analyse an estate: the ranked blast radius of every single failure, and the findings')
    .argument('[snapshot]', 'a snapshot written by `faultline collect` (or use --aws)')
    .option('-c, --config <file>', 'faultline.yaml (default: ./faultline.yaml when present)')
    .addOption(formatOption())
    .option('--top <n>', 'blast-radius entries to show (table: 10, other formats: all)', positiveInt)
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--service-tag <key>', "the tag that names a resource's service (default: service, app, application, aws:cloudformation:stack-name)")
    .option('--pairs', 'also fail every pair of zones and every pair of regions')
    .addOption(failOnOption('none', 'exit 1 when any finding is at or above this severity'))
    .option('-v, --verbose', 'show every service in each blast radius, and catalogue sources');
  addAwsOptions(command);
  return command.action(async (snapshot: string | undefined, options: AuditOptions) => {
    const { report } = await loadReport({ ...options, snapshot }, ctx.io);
    await renderReport(ctx.io, report, options);
    if (gateFails(report, options.failOn)) ctx.exitCode = 1;
  });
}

/** Renders a report in the chosen format to stdout or `--output`. */
export async function renderReport(io: Io, report: Report, options: { format: ReporterName; top?: number; output?: string; verbose?: boolean }): Promise<void> {
  const lap = phaseTimer(io);
  const toFile = options.output !== undefined && options.output !== '-';
  const renderOptions = {
    style: toFile ? plainStyle : styleFor(io.stdout, io.env),
    top: options.top ?? (options.format === 'table' ? 10 : Infinity),
    verbose: options.verbose ?? false,
    width: io.stdout.columns ?? 100,
  };
  // JSON goes out in chunks: a million-resource report would come near V8's string limit.
  const text = options.format === 'json' ? jsonChunks(report, renderOptions) : reporters[options.format](report, renderOptions);
  await writeOutput(io, options.output, text);
  lap('render');
}

/** Whether any finding is at or above `failOn`. */
export function gateFails(report: Report, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
}
