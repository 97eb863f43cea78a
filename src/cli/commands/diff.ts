import { Option, type Command } from 'commander';
import { analyze } from '../../analysis/analyze.js';
import { dependenciesOf } from '../../analysis/diff.js';
import { diffReporterNames } from '../../report/diff/index.js';
import type { CliContext } from '../context.js';
import { runDiff, type DiffOptions } from '../diff-flow.js';
import { loadEstate } from '../load-estate.js';

interface DiffCliOptions extends DiffOptions {
  config?: string;
  serviceTag?: string;
}

export function registerDiff(program: Command, ctx: CliContext): Command {
  return program
    .command('diff')
    .description('what changed between two reports (audit --format json) or two snapshots: findings, blast radii, dependencies')
    .argument('<old>', 'the earlier report or snapshot')
    .argument('<new>', 'the later report or snapshot')
    .option('-c, --config <file>', 'faultline.yaml to analyse snapshots with (default: ./faultline.yaml when present)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(diffReporterNames).default('table'))
    .option('-o, --output <file>', 'write the diff to a file (atomically) instead of stdout')
    .option('--service-tag <key>', "the tag that names a resource's service in snapshots")
    .option('-v, --verbose', 'list every dependency and service that changed')
    .action(async (before: string, after: string, options: DiffCliOptions) => {
      await runDiff(before, after, options, ctx, async (snapshot) => {
        const { estate } = await loadEstate({ snapshot, config: options.config, serviceTag: options.serviceTag, keepResources: false }, ctx.io);
        return { report: analyze(estate), dependencies: dependenciesOf(estate.graph) };
      });
    });
}
