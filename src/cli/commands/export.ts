import { InvalidArgumentError, Option, type Command } from 'commander';
import { analyze } from '../../analysis/analyze.js';
import { UsageError } from '../../core/errors.js';
import type { Snapshot } from '../../model/snapshot.js';
import {
  buildView,
  diagramFormats,
  diagramLevels,
  diagramRenderers,
  READABLE_NODES,
  toDot,
  toSvg,
  WASM_MAX_NODES,
  type DiagramFormat,
  type DiagramLevel,
  type DiagramView,
} from '../../report/diagram/index.js';
import { addAwsOptions, type AwsCliOptions } from '../aws-options.js';
import type { CliContext } from '../context.js';
import type { Io } from '../io.js';
import { loadEstate } from '../load-estate.js';
import { writeOutput } from '../output.js';

/** Estates above this many resources default to `--level service`. */
export const SERVICE_LEVEL_ABOVE = 2000;
/** Mermaid's default `maxEdges`: larger flowcharts are refused by the renderer (GitHub included). */
const MERMAID_MAX_EDGES = 500;

export interface ExportOptions extends AwsCliOptions {
  config?: string;
  format: DiagramFormat;
  level?: DiagramLevel;
  focus?: string;
  depth?: number;
  output?: string;
  serviceTag?: string;
}

export function registerExport(program: Command, ctx: CliContext): Command {
  const command = program
    .command('export')
    .description('draw the estate: Graphviz DOT, SVG or Mermaid, clustered by provider, region and zone (or the diagram as JSON)')
    .argument('[snapshot]', 'a snapshot written by `faultline collect` (or use --aws)')
    .option('-c, --config <file>', 'faultline.yaml (default: ./faultline.yaml when present)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(diagramFormats).default('dot'))
    .addOption(
      new Option('--level <level>', `one node per service, or per resource (default: service above ${SERVICE_LEVEL_ABOVE} resources, else resource)`).choices(diagramLevels),
    )
    .option('--focus <id>', 'only what a failure of <id> takes down, or, for a service, what it needs')
    .option('--depth <n>', 'with --focus: at most n hops from it', nonNegativeInt)
    .option('-o, --output <file>', 'write the diagram to a file (atomically) instead of stdout')
    .option('--service-tag <key>', "the tag that names a resource's service (default: service, app, application, aws:cloudformation:stack-name)");
  addAwsOptions(command);
  return command.action(async (snapshot: string | undefined, options: ExportOptions) => {
    if (options.depth !== undefined && options.focus === undefined) {
      throw new UsageError('--depth needs --focus', { where: '--depth', hint: 'add --focus <id>: the service, region, zone or vendor to draw around' });
    }
    const loaded = await loadEstate({ ...options, snapshot }, ctx.io);
    const report = analyze(loaded.estate);
    const level = options.level ?? (report.inventory.resources > SERVICE_LEVEL_ABOVE ? 'service' : 'resource');
    const view = buildView(loaded.estate, report, { level, focus: options.focus, depth: options.depth, resourceNames: resourceNames(loaded.snapshot) });
    const text = await renderDiagram(view, options.format, ctx.io);
    await writeOutput(ctx.io, options.output, text);
  });
}

/** Renders the view, warning on stderr when the picture will be too big to read (or to render). */
export async function renderDiagram(view: DiagramView, format: DiagramFormat, io: Io): Promise<string> {
  const nodes = view.nodes.length;
  const smaller = view.level === 'resource' ? '--level service or --focus <id>' : '--focus <id> (with --depth <n>)';
  if (format === 'svg' && nodes > WASM_MAX_NODES) {
    throw new UsageError(`the diagram has ${nodes} nodes; the built-in SVG renderer stops at ${WASM_MAX_NODES}`, {
      where: '--format svg',
      hint: `draw less with ${smaller}, or render the DOT with a native Graphviz: faultline export --format dot | dot -Tsvg`,
    });
  }
  if (format !== 'json' && nodes > READABLE_NODES) {
    io.stderr.write(`faultline: warning: the diagram has ${nodes} nodes, too many to read; ${smaller} draws a readable part of it\n`);
  }
  if (format === 'mermaid' && view.edges.length > MERMAID_MAX_EDGES) {
    io.stderr.write(`faultline: warning: the diagram has ${view.edges.length} edges; Mermaid renders at most ${MERMAID_MAX_EDGES} by default (GitHub too)\n`);
  }
  if (format === 'svg') return toSvg(toDot(view));
  return diagramRenderers[format](view);
}

/** Resource id → its `Name` (a tag, or the ARN's last part), for labels. */
export function resourceNames(snapshot: Snapshot): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of snapshot.resources) if (r.name !== undefined && r.name !== '') names.set(r.id, r.name);
  return names;
}

/** commander argParser for a whole number ≥ 0. */
function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || value.trim() === '') throw new InvalidArgumentError(`expected a whole number of at least 0, got '${value}'`);
  return n;
}
