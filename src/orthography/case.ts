/** Letter case: copying the case pattern of one word onto another. */

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLower(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/**
 * `s` in the case of `pattern`: lower case (`viet`), UPPER case (`VIET`, two or more upper-case
 * letters and no lower-case one) or Title case (`Viet`, or a single upper-case letter `A`).
 * Any other mix (`iPhone`) is copied letter by letter where the two strings line up, the rest of
 * `s` in lower case. Useful to give a repaired word the case of the word it replaces.
 *
 * @example
 * applyCase('VIỆC', 'việt'); // 'VIỆT'
 * applyCase('Vịc', 'việc'); // 'Việc'
 */
export function applyCase(pattern: string, s: string): string {
  // Most words are lower case: one comparison instead of two case tests a letter.
  if (pattern.toLowerCase() === pattern) return s.toLowerCase();
  let upper = 0;
  let lower = 0;
  let firstUpper = false;
  let seenCased = false;
  let restLower = true;
  for (const ch of pattern) {
    if (isUpper(ch)) {
      upper++;
      if (!seenCased) firstUpper = true;
      else restLower = false;
      seenCased = true;
    } else if (isLower(ch)) {
      lower++;
      seenCased = true;
    }
  }
  if (upper === 0) return s.toLowerCase();
  if (lower === 0 && upper >= 2) return s.toUpperCase();
  if (firstUpper && restLower) {
    const first = String.fromCodePoint(s.codePointAt(0) ?? 0);
    return s.length === 0 ? s : first.toUpperCase() + s.slice(first.length).toLowerCase();
  }
  return copyCaseByPosition(pattern, s);
}

/** `s` with the case of each character of `pattern` at the same position (lower case past its end). */
export function copyCaseByPosition(pattern: string, s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const p = i < pattern.length ? pattern[i] : '';
    out += p !== '' && isUpper(p) ? s[i].toUpperCase() : s[i].toLowerCase();
  }
  return out;
}
