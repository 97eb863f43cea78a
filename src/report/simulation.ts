/**
 * Renderers for `simulate`: what goes down, what survives, which redundancy held, and for a
 * replayed outage, what the event was and how the replay differs from it.
 */
import type { SimulationResult } from '../analysis/simulate.js';
import type { OutageScenario } from '../catalog/types.js';
import { sanitizeForTerminal as clean } from '../core/text.js';
import { escapeMarkdown as md } from './markdown-escape.js';
import type { Style } from './style.js';

export interface SimulationView {
  result: SimulationResult;
  /** Set when replaying a catalogue scenario. */
  scenario?: OutageScenario | undefined;
  /** How many failure sets the scenario expanded to (one per account or zone for `*` patterns). */
  replays?: number | undefined;
  /** Scenario ids this estate does not contain (nothing of ours depends on them). */
  notInEstate?: string[] | undefined;
}

export const simulationFormats = ['table', 'json', 'markdown'] as const;
export type SimulationFormat = (typeof simulationFormats)[number];

export function renderSimulation(view: SimulationView, format: SimulationFormat, style: Style): string {
  if (format === 'json') return `${JSON.stringify(simulationJson(view), null, 2)}\n`;
  if (format === 'markdown') return simulationMarkdown(view);
  return simulationTable(view, style);
}

function simulationJson(view: SimulationView): object {
  const { result, scenario } = view;
  return {
    schemaVersion: 1,
    ...(scenario ? { scenario: { id: scenario.id, title: scenario.title, date: scenario.date, sources: scenario.sources, approximation: scenario.approximation ?? null, replays: view.replays ?? 1 } } : {}),
    failed: result.failed,
    down: result.down,
    survivors: result.survivors,
    resourcesDown: result.resourcesDown,
    domainsDown: result.domainsDown,
    held: result.held,
    ...(view.notInEstate && view.notInEstate.length > 0 ? { notInEstate: view.notInEstate } : {}),
  };
}

function simulationTable(view: SimulationView, style: Style): string {
  const { result, scenario } = view;
  const lines: string[] = [];
  if (scenario) {
    lines.push(`${style.bold(clean(scenario.title))}  ${style.dim(`${scenario.date} · ${scenario.id}`)}`);
    if (scenario.approximation) lines.push(style.dim(`replay: ${clean(scenario.approximation)}`));
    if ((view.replays ?? 1) > 1) lines.push(style.dim(`replayed once per match of ${scenario.fail.join(', ')} (${view.replays} replays); the worst is shown`));
    if (view.notInEstate && view.notInEstate.length > 0) lines.push(style.dim(`not in this estate: ${view.notInEstate.map(clean).join(', ')}`));
    lines.push('');
  }
  lines.push(`${style.bold('Failing')}  ${result.failed.map((f) => clean(f.id)).join(', ')}`);
  const critical = result.down.filter((d) => d.critical).length;
  const total = result.down.length + result.survivors.length;
  const headline = result.down.length === 0 ? style.green(`nothing goes down: all ${total} services survive`) : style.red(`${result.down.length} of ${total} services down (${critical} critical), ${result.resourcesDown} resources`);
  lines.push(headline, '');
  if (result.down.length > 0) {
    lines.push(style.bold('Down'));
    for (const d of result.down) {
      const name = d.critical ? style.red(style.bold(clean(d.id))) : clean(d.id);
      lines.push(`  ${name}${d.critical ? style.dim(' (critical)') : ''}`, `    ${style.dim(d.because.map(clean).join(' → '))}`);
    }
    lines.push('');
  }
  if (result.held.length > 0) {
    lines.push(style.bold('Held') + style.dim('  redundancy that kept something up'));
    for (const h of result.held) {
      lines.push(`  ${clean(h.owner)}: ${clean(h.group)}`, `    ${style.dim(`lost ${h.membersDown.map(clean).join(', ')}; still up: ${h.membersUp.map(clean).join(', ')}`)}`);
    }
    lines.push('');
  }
  if (result.survivors.length > 0) lines.push(`${style.bold('Survive')}  ${result.survivors.map(clean).join(', ')}`);
  if (result.domainsDown.length > 0) lines.push(`${style.bold('Also down')}  ${style.dim(result.domainsDown.map(clean).join(', '))}`);
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function simulationMarkdown(view: SimulationView): string {
  const { result, scenario } = view;
  const blocks: string[] = ['## faultline simulate'];
  if (scenario) {
    blocks.push(`**${md(scenario.title)}** (${md(scenario.date)}, \`${md(scenario.id)}\`)${scenario.approximation ? `\n\nReplay: ${md(scenario.approximation)}` : ''}`);
  }
  blocks.push(`Failing: ${result.failed.map((f) => `\`${md(f.id)}\``).join(', ')}`);
  if (result.down.length === 0) blocks.push('Nothing goes down.');
  else {
    const rows = result.down.map((d) => `| ${d.critical ? `**${md(d.id)}**` : md(d.id)} | ${d.critical ? 'yes' : ''} | ${d.because.map(md).join(' → ')} |`);
    blocks.push(`| Service down | Critical | Because |\n| --- | --- | --- |\n${rows.join('\n')}`);
  }
  if (result.held.length > 0) {
    const rows = result.held.map((h) => `| ${md(h.owner)} | ${md(h.group)} | ${h.membersDown.map(md).join(', ')} | ${h.membersUp.map(md).join(', ')} |`);
    blocks.push(`Redundancy that held:\n\n| Owner | Group | Lost | Still up |\n| --- | --- | --- | --- |\n${rows.join('\n')}`);
  }
  if (result.survivors.length > 0) blocks.push(`Survive: ${result.survivors.map(md).join(', ')}`);
  return `${blocks.join('\n\n')}\n`;
}

/** `simulate --list`: the scenario library. */
export function renderScenarioList(scenarios: readonly OutageScenario[], style: Style): string {
  const width = Math.max(...scenarios.map((s) => s.id.length));
  const lines = scenarios.map((s) => `${style.dim(s.date)}  ${s.id.padEnd(width)}  ${clean(s.title)}${s.fail.length === 0 ? style.dim(' (not replayable)') : ''}`);
  return `${lines.join('\n')}\n`;
}
