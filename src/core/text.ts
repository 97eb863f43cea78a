/** Small text utilities shared by the CLI and the renderers. */

/** Ranks `candidates` by edit distance to `word` and returns the closest, if close enough. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance, two rows. Inputs here are short keys and ids. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let curr = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      curr[j] = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length]!;
}

// eslint-disable-next-line no-control-regex
const CONTROL_AND_ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Makes an untrusted string (a tag value, a resource name) safe for a terminal: strips ANSI
 * escape sequences and control characters, and turns newlines and tabs into spaces.
 */
export function sanitizeForTerminal(text: string): string {
  return text.replace(CONTROL_AND_ANSI, '').replace(/[\n\t]/g, ' ');
}

/** Pluralises an English noun for counts in messages. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
