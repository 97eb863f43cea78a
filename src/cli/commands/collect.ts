import { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError, InterruptedError, UsageError } from '../../core/errors.js';
import { plural } from '../../core/text.js';
import { createSnapshotWriter, snapshotJsonLineChunks } from '../../model/snapshot-io.js';
import { emptySnapshot } from '../../model/snapshot.js';
import { addAwsOptions, collectAws, enforceStrict, type AwsCliOptions } from '../aws-options.js';
import type { CliContext } from '../context.js';
import { writeOutput } from '../output.js';
import { packageVersion } from '../version.js';

interface CollectOptions extends AwsCliOptions {
  output: string;
}

/** `faultline collect --aws … -o snapshot.json`: inventory only, streamed to a snapshot file. */
export function registerCollect(program: Command, ctx: CliContext): Command {
  const command = new Command('collect')
    .description('collect an estate into a snapshot file that `audit` analyses')
    .requiredOption('-o, --output <file>', 'snapshot file to write (- for stdout)');
  addAwsOptions(command).action(async (options: CollectOptions) => {
    if (!options.aws) throw new UsageError('nothing to collect', { hint: 'pass --aws to collect from AWS' });
    const { io } = ctx;
    if (options.output === '-') {
      const snapshot = await collectAws(options, io, { deferStrict: true });
      await writeOutput(io, '-', snapshotJsonLineChunks(snapshot));
      enforceStrict(snapshot, options.strict);
      return;
    }
    const path = resolve(io.cwd, options.output);
    // Fail before a long collection, not after it.
    const dir = await stat(dirname(path)).catch(() => undefined);
    if (!dir?.isDirectory()) {
      throw new InputError('the output directory does not exist', { where: options.output, hint: 'create its directory first' });
    }
    // Resources go to disk as each region finishes; the header (coverage, zones,
    // diagnostics) is written last, and the file appears only when complete.
    // Resources listed by account and region, not in the order the regions happened to finish.
    const writer = createSnapshotWriter(path, emptySnapshot(packageVersion()), { groupBy: (r) => `${r.account ?? ''}\u0000${r.region ?? ''}` });
    // Ctrl-C stops the collection, cancels its requests and removes the partial file; the
    // previous snapshot at the path stays as it was. A second Ctrl-C kills the process at once.
    const interrupt = new AbortController();
    const release = io.onInterrupt?.((signal) => {
      release?.();
      interrupt.abort(
        new InterruptedError(`${signal === 'SIGTERM' ? 'terminated' : 'interrupted'}: the collection stopped and nothing was written`, {
          signal,
          where: options.output,
          hint: 'run the same command again to collect the whole estate; an earlier snapshot at this path is unchanged',
        }),
      );
    });
    let count = 0;
    let snapshot;
    try {
      snapshot = await collectAws(options, io, {
        deferStrict: true,
        signal: interrupt.signal,
        sink: (resource) => {
          count++;
          writer.add(resource);
        },
      });
    } catch (error) {
      await writer.abort();
      throw error;
    } finally {
      release?.();
    }
    await writer.close({ collectedAt: snapshot.collectedAt, tool: snapshot.tool, coverage: snapshot.coverage, zones: snapshot.zones, diagnostics: snapshot.diagnostics });
    if (io.stderr.isTTY === true) {
      const regions = snapshot.coverage.reduce((n, c) => n + c.regions.length, 0);
      io.stderr.write(`collected ${plural(count, 'resource')} from ${plural(regions, 'region')} into ${options.output}\n`);
    }
    enforceStrict(snapshot, options.strict);
  });
  program.addCommand(command);
  return command;
}
