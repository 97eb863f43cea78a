import { Option, type Command } from 'commander';
import { failureCandidates, simulate, type SimulationResult } from '../../analysis/simulate.js';
import { scenarioFailureSets } from '../../catalog/scenarios.js';
import { loadBuiltinCatalog } from '../../catalog/load.js';
import { UsageError } from '../../core/errors.js';
import { didYouMean } from '../../core/text.js';
import { lookupId, type Estate } from '../../model/estate.js';
import { idKind } from '../../model/ids.js';
import { renderScenarioList, renderSimulation, simulationFormats, type SimulationFormat, type SimulationView } from '../../report/simulation.js';
import { plainStyle } from '../../report/style.js';
import type { CliContext } from '../context.js';
import { loadEstate } from '../load-estate.js';
import { writeOutput } from '../output.js';
import { phaseTimer } from '../timings.js';
import { styleFor } from '../style.js';

interface SimulateOptions {
  fail?: string[];
  scenario?: string;
  list?: boolean;
  config?: string;
  serviceTag?: string;
  format: SimulationFormat;
  output?: string;
}

export function registerSimulate(program: Command, ctx: CliContext): Command {
  return program
    .command('simulate')
    .description('fail things together, or replay a real outage, and see what goes down and why')
    .argument('[snapshot]', 'a snapshot written by `faultline collect`')
    .addOption(new Option('--fail <id>', 'an id to fail (repeat to fail several at once)').argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]))
    .option('--scenario <id>', 'replay a real outage from the library (see --list)')
    .option('--list', 'list the outage scenarios')
    .option('-c, --config <file>', 'faultline.yaml (default: ./faultline.yaml when present)')
    .option('--service-tag <key>', "the tag that names a resource's service")
    .addOption(new Option('-f, --format <format>', 'output format').choices(simulationFormats).default('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (snapshot: string | undefined, options: SimulateOptions) => {
      const { io } = ctx;
      const toFile = options.output !== undefined && options.output !== '-';
      const style = toFile ? plainStyle : styleFor(io.stdout, io.env);
      if (options.list) {
        await writeOutput(io, options.output, renderScenarioList(loadBuiltinCatalog().scenarios(), style));
        return;
      }
      if (!options.fail && !options.scenario) {
        throw new UsageError('nothing to simulate', { hint: 'pass --fail <id> (repeatable), --scenario <id>, or --list to see the scenarios' });
      }
      if (options.fail && options.scenario) throw new UsageError('give --fail or --scenario, not both', { hint: 'a scenario already says what fails' });
      const { estate, catalog } = await loadEstate({ snapshot, config: options.config, serviceTag: options.serviceTag, keepResources: false }, io);
      let view: SimulationView;
      const lap = phaseTimer(io);
      if (options.fail) {
        view = { result: simulate(estate, options.fail.map((id) => resolveFailure(estate, id))) };
        lap('simulate');
      } else {
        const scenario = catalog.scenario(options.scenario!);
        if (!scenario) {
          const near = didYouMean(options.scenario!, catalog.scenarios().map((s) => s.id));
          throw new UsageError(`no outage scenario '${options.scenario}'`, {
            where: '--scenario',
            hint: near ? `did you mean ${near}? (faultline simulate --list shows them all)` : 'faultline simulate --list shows them all',
          });
        }
        view = replay(estate, scenario.fail.length === 0 ? [] : scenarioFailureSets(scenario, estate.graph.ids));
        view.scenario = scenario;
      }
      await writeOutput(io, options.output, renderSimulation(view, options.format, style));
    });
}

/** Replays every failure set and keeps the worst: most critical services down, then most services. */
function replay(estate: Estate, sets: readonly string[][]): SimulationView {
  let worst: SimulationResult | undefined;
  const missing = new Set<string>();
  for (const set of sets) {
    const nodes: number[] = [];
    for (const id of set) {
      const v = lookupId(estate, id);
      if (v === undefined) missing.add(id);
      else nodes.push(v);
    }
    const result = simulate(estate, nodes);
    if (!worst || score(result) > score(worst)) worst = result;
  }
  return { result: worst ?? simulate(estate, []), replays: sets.length, notInEstate: [...missing].sort() };
}

function score(result: SimulationResult): number {
  return result.down.filter((d) => d.critical).length * 1e6 + result.down.length * 1e3 + Math.min(result.resourcesDown, 999);
}

/** The node for a `--fail` id; an id the estate does not have is a usage error with a suggestion. */
function resolveFailure(estate: Estate, id: string): number {
  const v = lookupId(estate, id);
  if (v !== undefined) return v;
  // Suggest among ids of the same kind only: edit distance over a million ARNs would be slow.
  let kind: string;
  try {
    kind = idKind(id);
  } catch {
    kind = 'service';
  }
  const sameKind = failureCandidates(estate.graph).filter((c) => idKind(c) === kind);
  const near = sameKind.length <= 50_000 ? didYouMean(id, sameKind) : undefined;
  throw new UsageError(`'${id}' is not in this estate`, {
    where: '--fail',
    hint: near ? `did you mean ${near}?` : 'use an id from `faultline audit` (a service, vendor:<name>, <provider>:<region>, <provider>:<region>/<zone>, account:<provider>:<id> or an ARN)',
  });
}
