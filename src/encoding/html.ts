/**
 * HTML character references for letters (`&#7871;`, `&#x1EBF;`, `&ecirc;`), as left in text
 * copied out of old web pages. Only references to letters and combining marks are decoded:
 * `&amp;`, `&lt;`, `&nbsp;` and the like are markup, not damage, and stay.
 */

/** Named references of the Latin letters Vietnamese uses (HTML 4 / Latin-1 names). */
const NAMED: Readonly<Record<string, string>> = {
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã',
  Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', egrave: 'è', eacute: 'é', ecirc: 'ê',
  Igrave: 'Ì', Iacute: 'Í', igrave: 'ì', iacute: 'í',
  Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ',
  Ugrave: 'Ù', Uacute: 'Ú', ugrave: 'ù', uacute: 'ú', Yacute: 'Ý', yacute: 'ý',
  Abreve: 'Ă', abreve: 'ă', Dstrok: 'Đ', dstrok: 'đ', Itilde: 'Ĩ', itilde: 'ĩ', Utilde: 'Ũ', utilde: 'ũ',
  Auml: 'Ä', auml: 'ä', Ouml: 'Ö', ouml: 'ö', Uuml: 'Ü', uuml: 'ü', Euml: 'Ë', euml: 'ë', Iuml: 'Ï', iuml: 'ï',
  Ccedil: 'Ç', ccedil: 'ç', Ntilde: 'Ñ', ntilde: 'ñ', szlig: 'ß', ETH: 'Ð', eth: 'ð',
};

/** A character reference: numeric (decimal or hex) or named, with its semicolon. */
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/g;

const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;

/** Whether the line holds something that looks like a character reference. */
export function mayHaveReference(line: string): boolean {
  return line.includes('&') && /&#?[0-9A-Za-z]{1,8};/.test(line);
}

/** The letter-references of `line` with their decoded text, in order. */
export function findLetterReferences(line: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  for (const m of line.matchAll(REFERENCE)) {
    let text: string | undefined;
    if (m[3] !== undefined) text = NAMED[m[3]];
    else {
      const cp = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2], 16);
      if (cp <= 0x10ffff) text = String.fromCodePoint(cp);
    }
    if (text === undefined || !LETTER_OR_MARK.test(text)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text });
  }
  return out;
}
