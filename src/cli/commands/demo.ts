import type { Command } from 'commander';
import { analyze } from '../../analysis/analyze.js';
import { analyzePairs } from '../../analysis/pairs.js';
import { plural } from '../../core/text.js';
import { writeSnapshot } from '../../model/snapshot-io.js';
import type { ReporterName } from '../../report/index.js';
import { collectReplayedEstate } from '../aws-options.js';
import type { CliContext } from '../context.js';
import { loadEstate } from '../load-estate.js';
import { formatOption, positiveInt } from '../options.js';
import { packagePath } from '../../core/package-root.js';
import { renderReport } from './audit.js';

/** The demo's recorded AWS estate and its manifest, shipped with the package. */
export const DEMO_ESTATE = ['fixtures', 'aws', 'demo-company'] as const;
export const DEMO_MANIFEST = ['fixtures', 'demo', 'faultline.yaml'] as const;

interface DemoOptions {
  format: ReporterName;
  top?: number;
  output?: string;
  pairs?: boolean;
  saveSnapshot?: string;
  verbose?: boolean;
}

export function registerDemo(program: Command, ctx: CliContext): Command {
  return program
    .command('demo')
    .description('the whole pipeline on a bundled estate: collect through the real AWS SDK from a local replay endpoint, then audit')
    .addOption(formatOption())
    .option('--top <n>', 'blast-radius entries to show', positiveInt)
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--pairs', 'also fail every pair of zones and of regions')
    .option('--save-snapshot <file>', 'keep the collected snapshot, to try `simulate` and `export` on it')
    .option('-v, --verbose', 'show everything in full')
    .action(async (options: DemoOptions) => {
      const { io } = ctx;
      const snapshot = await collectReplayedEstate(packagePath(...DEMO_ESTATE), io);
      if (options.saveSnapshot) await writeSnapshot(options.saveSnapshot, snapshot);
      const manifestPath = packagePath(...DEMO_MANIFEST);
      const { estate } = await loadEstate({ config: manifestPath }, io, { snapshot });
      const report = analyze(estate);
      if (options.pairs) report.pairs = analyzePairs(estate);
      await renderReport(io, report, options);
      const regions = new Set(snapshot.coverage.flatMap((c) => c.regions));
      io.stderr.write(
        `\nfaultline demo: collected ${plural(snapshot.resources.length, 'resource')} in ${plural(regions.size, 'region')} through the AWS SDK ` +
          `from a local replay endpoint, then applied ${DEMO_MANIFEST.join('/')}.\n` +
          `Next: faultline demo --save-snapshot demo.jsonl, then faultline simulate demo.jsonl --config ${DEMO_MANIFEST.join('/')} --scenario aws-use1-dynamodb-dns-2025-10\n`,
      );
    });
}
