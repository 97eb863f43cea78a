import { sanitizeForTerminal } from '../core/text.js';

/**
 * Makes an untrusted string safe as inline text in GitHub-flavoured Markdown, table cells
 * included: control characters and ANSI escapes go, newlines become spaces (a newline would end
 * a table row), HTML is neutralised (`<script>`, a `-->` that would close our marker comment),
 * Markdown punctuation is backslash-escaped (`|` would split a cell, `[` start a link, `*` and
 * `_` emphasis, a backtick a code span), and `@` is kept from pinging people: a tag value such as
 * `@org/everyone` must not notify a team from a bot's PR comment.
 */
export function escapeMarkdown(text: string): string {
  return sanitizeForTerminal(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, '\\$&')
    .replace(/@/g, '@\u200b');
}
