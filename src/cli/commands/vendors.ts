import { Command, Option } from 'commander';
import { loadBuiltinCatalog } from '../../catalog/load.js';
import type { Catalog, Confidence, VendorHosting } from '../../catalog/types.js';
import { sanitizeForTerminal } from '../../core/text.js';
import { formatRequirement } from '../../model/requirement.js';
import { plainStyle, type Style } from '../../report/style.js';
import type { CliContext } from '../context.js';
import { writeOutput } from '../output.js';
import { styleFor } from '../style.js';

export const vendorFormats = ['table', 'json'] as const;
export type VendorFormat = (typeof vendorFormats)[number];

interface VendorsOptions {
  format: VendorFormat;
  verbose: boolean;
  output?: string;
}

/** `faultline vendors`: what the built-in catalogue knows about where SaaS vendors run. */
export function registerVendors(program: Command, ctx: CliContext): Command {
  return program
    .command('vendors')
    .description('list the built-in catalogue of SaaS vendors: where each runs, how sure we are, and since when')
    .addOption(new Option('--format <format>', 'output format').choices(vendorFormats).default('table'))
    .option('--verbose', 'table: add each entry\'s source URLs (json always has them)', false)
    .option('-o, --output <file>', 'write to a file instead of stdout (- for stdout)')
    .action(async (options: VendorsOptions) => {
      const catalog = loadBuiltinCatalog();
      const text =
        options.format === 'json'
          ? renderVendorsJson(catalog)
          : renderVendorsTable(catalog, { verbose: options.verbose, style: options.output && options.output !== '-' ? plainStyle : styleFor(ctx.io.stdout, ctx.io.env) });
      await writeOutput(ctx.io, options.output, text);
    });
}

/** The hosting column: the requirement list, or why there is none. */
export function hostingText(vendor: VendorHosting): string {
  if (vendor.hostedOn.length > 0) return vendor.hostedOn.map(formatRequirement).join(', ');
  const named = vendor.providers.length > 0 ? ` (${vendor.providers.join(', ')})` : '';
  return vendor.customerSelected ? `customer-selected${named}` : `unknown${named}`;
}

const confidenceColour: Record<Confidence, keyof Style> = { high: 'green', medium: 'yellow', low: 'red', unknown: 'dim' };

/** A plain-text table, one vendor per row, sorted by key; ends with "\n". */
export function renderVendorsTable(catalog: Catalog, options: { verbose: boolean; style: Style }): string {
  const { style } = options;
  const vendors = [...catalog.vendors()].sort((a, b) => a.name.localeCompare(b.name));
  const rows = vendors.map((v) => [
    sanitizeForTerminal(v.platform ? `${v.name}*` : v.name),
    sanitizeForTerminal(hostingText(v)),
    v.confidence,
    sanitizeForTerminal(v.asOf),
  ]);
  const header = ['VENDOR', 'HOSTED ON', 'CONFIDENCE', 'AS OF'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[], colour?: (cell: string, i: number) => string): string =>
    cells
      .map((cell, i) => {
        const padded = i === cells.length - 1 ? cell : cell.padEnd(widths[i]!);
        return colour ? colour(padded, i) : padded;
      })
      .join('  ');
  const out: string[] = [style.bold(line(header))];
  vendors.forEach((vendor, index) => {
    out.push(line(rows[index]!, (cell, i) => (i === 2 ? style[confidenceColour[vendor.confidence]](cell) : cell)));
    if (options.verbose) {
      if (vendor.sources.length === 0) out.push(style.dim('    (no public source found)'));
      for (const source of vendor.sources) out.push(style.dim(`    ${sanitizeForTerminal(source)}`));
    }
  });
  const platforms = vendors.filter((v) => v.platform).length;
  out.push('');
  out.push(
    `${vendors.length} entries, catalogue ${catalog.version}.` +
      (platforms > 0 ? ' * a shared platform other entries are hosted on, not a product.' : ''),
  );
  out.push('faultline.yaml vendors.<name>.hostedOn overrides an entry.' + (options.verbose ? '' : ' --verbose lists the sources.'));
  return `${out.join('\n')}\n`;
}

/** The catalogue's vendors as JSON: `{ catalogueVersion, vendors: [...] }`, sorted by key. */
export function renderVendorsJson(catalog: Catalog): string {
  const vendors = [...catalog.vendors()].sort((a, b) => a.name.localeCompare(b.name));
  return `${JSON.stringify({ catalogueVersion: catalog.version, vendors }, null, 2)}\n`;
}
