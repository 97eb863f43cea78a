import { sanitizeForTerminal } from '../core/text.js';

// Characters XML 1.0 forbids outright (even as references): C0 controls but tab, newline and
// carriage return, lone surrogates, U+FFFE and U+FFFF.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g;

/**
 * Escapes text for an XML attribute value or text node. Untrusted strings are first cleaned as
 * for a terminal (ANSI escapes and control characters dropped, newlines made spaces); our own
 * multi-line text keeps its newlines, written as `&#10;` inside attributes.
 */
export function escapeXml(text: string, options: { untrusted?: boolean; attribute?: boolean } = {}): string {
  const base = options.untrusted === false ? text : sanitizeForTerminal(text);
  const escaped = base
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
  return options.attribute ? escaped.replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;') : escaped;
}
