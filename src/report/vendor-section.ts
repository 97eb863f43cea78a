import type { VendorEntry } from '../analysis/types.js';
import { sanitizeForTerminal as clean } from '../core/text.js';
import { escapeMarkdown } from './markdown-escape.js';
import type { Style } from './style.js';
import { layoutColumns } from './text.js';

/** Where each vendor runs and how that is known; in the table with --verbose (sources included). */
export function vendorTableSection(vendors: readonly VendorEntry[], style: Style): string[] {
  if (vendors.length === 0) return [];
  const rows = [
    ['VENDOR', 'HOSTED ON', 'FROM', 'CONFIDENCE', 'AS OF'].map((h) => style.dim(h)),
    ...vendors.map((v) => [
      clean(v.vendor),
      v.hostedOn.length > 0 ? v.hostedOn.map(clean).join(', ') : style.yellow('unknown'),
      v.source,
      v.confidence ?? '',
      v.asOf ?? '',
    ]),
  ];
  const lines = layoutColumns(rows, [{}, {}, {}, {}, {}]).map((line) => `  ${line}`);
  const sources = vendors.flatMap((v) => (v.sources ?? []).map((url) => `  ${style.dim(`${clean(v.vendor)}: ${clean(url)}`)}`));
  return [`${style.bold('Vendors')}  ${style.dim('where each vendor runs, from faultline.yaml or the built-in catalogue')}`, '', ...lines, ...(sources.length > 0 ? ['', ...sources] : [])];
}

export function vendorMarkdown(vendors: readonly VendorEntry[]): string {
  if (vendors.length === 0) return '';
  const rows = vendors.map((v) => {
    const sources = (v.sources ?? []).map((url, i) => `[${i + 1}](${encodeURI(url).replace(/\(/g, '%28').replace(/\)/g, '%29')})`).join(' ');
    return `| ${escapeMarkdown(v.vendor)} | ${v.hostedOn.length > 0 ? v.hostedOn.map(escapeMarkdown).join(', ') : '_unknown_'} | ${v.source} | ${v.confidence ?? ''} | ${escapeMarkdown(v.asOf ?? '')} | ${sources} |`;
  });
  return `<details><summary>Vendor hosting (${vendors.length})</summary>\n\n| Vendor | Hosted on | From | Confidence | As of | Sources |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n\n</details>`;
}
