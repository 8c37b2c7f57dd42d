/**
 * Error classes of a diacritic restorer: its output and the reference compared word by word
 * (whitespace tokens, as score.py splits them; restoration keeps the token count, and lines
 * where it does not are counted apart). Counts only: no line of the evaluated text is kept.
 */
export interface ErrorClasses {
  words: number;
  errors: number;
  /** Lines whose token count differs from the reference (not compared word by word). */
  misalignedLines: number;
  /** Errors on one-letter reference words (`ở`, `ý`, `á`). */
  oneLetter: number;
  /** Errors on reference words starting with an upper-case letter. */
  capitalised: number;
  /** Errors where the output has no diacritic the reference has anywhere (left as input). */
  leftBare: number;
  /** `reference → output`, lower case, by count. */
  confusions: Map<string, number>;
}

const WHITESPACE = /[ \t\n\r\f\v]+/;

function words(line: string): string[] {
  return line.split(WHITESPACE).filter((w) => w.length > 0);
}

/** Counts the errors of `output` against `reference` (same number of lines), by class. */
export function errorClasses(input: string[], reference: string[], output: string[]): ErrorClasses {
  const result: ErrorClasses = {
    words: 0,
    errors: 0,
    misalignedLines: 0,
    oneLetter: 0,
    capitalised: 0,
    leftBare: 0,
    confusions: new Map(),
  };
  for (let i = 0; i < reference.length; i++) {
    const ref = words(reference[i]);
    const out = words(output[i] ?? '');
    const inp = words(input[i] ?? '');
    result.words += ref.length;
    if (ref.length !== out.length) {
      result.misalignedLines++;
      continue;
    }
    for (let k = 0; k < ref.length; k++) {
      if (ref[k] === out[k]) continue;
      result.errors++;
      const letters = ref[k].replace(/[^\p{L}\p{M}]/gu, '');
      if (letters.normalize('NFC').length === 1) result.oneLetter++;
      if (/^\P{L}*\p{Lu}/u.test(ref[k])) result.capitalised++;
      if (out[k] === inp[k]) result.leftBare++;
      const pair = `${ref[k].toLowerCase()} → ${out[k].toLowerCase()}`;
      result.confusions.set(pair, (result.confusions.get(pair) ?? 0) + 1);
    }
  }
  return result;
}

/** A Markdown summary of the classes of each system, side by side, and their top confusions. */
export function errorTable(systems: { name: string; classes: ErrorClasses }[], topConfusions = 15): string {
  const pct = (n: number, of: number) => (of ? `${n} (${((100 * n) / of).toFixed(1)} %)` : `${n}`);
  const lines = [
    `| class | ${systems.map((s) => s.name).join(' | ')} |`,
    `|---|${systems.map(() => '---:').join('|')}|`,
    `| word errors (aligned lines) | ${systems.map((s) => `${s.classes.errors} / ${s.classes.words}`).join(' | ')} |`,
    `| one-letter words | ${systems.map((s) => pct(s.classes.oneLetter, s.classes.errors)).join(' | ')} |`,
    `| capitalised words | ${systems.map((s) => pct(s.classes.capitalised, s.classes.errors)).join(' | ')} |`,
    `| left as the input | ${systems.map((s) => pct(s.classes.leftBare, s.classes.errors)).join(' | ')} |`,
    `| lines not aligned | ${systems.map((s) => s.classes.misalignedLines).join(' | ')} |`,
  ];
  for (const s of systems) {
    const top = [...s.classes.confusions].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, topConfusions);
    lines.push('', `Top confusions of ${s.name} (reference → output: count): ${top.map(([p, n]) => `${p}: ${n}`).join('; ')}`);
  }
  return lines.join('\n');
}
