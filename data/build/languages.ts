/**
 * `npm run build:languages`: builds `data/languages.bin`, the compact models that tell
 * Vietnamese from the common Latin-script languages (read by `src/language/`).
 *
 *   tsx data/build/languages.ts [--debs DIR] [--model FILE] [--out FILE] [--held-out FILE [--held-out-lines 40]]
 *
 * Foreign text (MPL-2.0), from the Debian 12 .deb files in `--debs` (pinned below by version and
 * SHA-256; fetch them with `data/build/fetch-languages.sh`), each unpacked with `dpkg-deb -x`:
 * the LibreOffice help in eleven languages (every paragraph and heading of the help pages; a
 * translated page keeps some paragraphs in English: those, the same text as the English page's
 * paragraph of the same id, are left out of the other languages) and, for seven languages with
 * no help package, the translated strings of the LibreOffice user interface (`.mo` catalogues).
 * One text in twenty of each is held out of the counts, for the tests (`--held-out`).
 * Vietnamese: the syllable counts of `data/model.bin`, folded to skeletons.
 *
 * The output is byte-identical for the same inputs: files are read in sorted order and every
 * list is sorted.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LanguageModel } from '../../src/model/index.js';
import { SPECIAL_UNITS } from '../../src/model/index.js';
import { ALPHABET, BOUNDARY, letterCode, foldWord, OTHER_LETTER } from '../../src/language/letters.js';
import {
  encodeLogProb,
  LANGUAGES_MAGIC,
  LANGUAGES_VERSION,
  type LanguageSection,
  type LanguagesMeta,
} from '../../src/language/format.js';

const VERSION = '4:7.4.7-1+deb12u14';

/**
 * The packages, pinned. `help`: the LibreOffice help of the language, read from the HTML pages
 * under `usr/share/libreoffice/help/<dir>/`; `ui`: its user-interface catalogues (for the
 * languages without a help package), the translated strings of the `.mo` files under
 * `usr/lib/libreoffice/program/resource/<dir>/LC_MESSAGES/`.
 */
export const PACKAGES: readonly { code: string; name: string; pkg: string; kind: 'help' | 'ui'; dir: string; sha256: string }[] = [
  { code: 'en', name: 'English', pkg: 'libreoffice-help-en-us', kind: 'help', dir: 'en-US', sha256: '8faa840285734d6cfe1ed25537b48f07e74bd6412e3917bf8e5f8a653f7b3712' },
  { code: 'fr', name: 'French', pkg: 'libreoffice-help-fr', kind: 'help', dir: 'fr', sha256: 'c796530d3e95af1ea4d054076682efc8aad2b569ae9513f3d4a776b2df3fd206' },
  { code: 'es', name: 'Spanish', pkg: 'libreoffice-help-es', kind: 'help', dir: 'es', sha256: '9128a84d83d92c8b1c618d90469d16affddb7d1290b09d42a0c5109cb16f0480' },
  { code: 'pt', name: 'Portuguese', pkg: 'libreoffice-help-pt', kind: 'help', dir: 'pt', sha256: '0130802d755de8666c663cc0745ba7a23d546d35a918f349a7a9adb78d16e7a4' },
  { code: 'de', name: 'German', pkg: 'libreoffice-help-de', kind: 'help', dir: 'de', sha256: '00490b63c509ac96f7f212d6a6e40452d3e0d1f97ccf4b824dd5ec4c01e8277f' },
  { code: 'it', name: 'Italian', pkg: 'libreoffice-help-it', kind: 'help', dir: 'it', sha256: '7fa29342a302bb495981fdabf98f3a9c3628123f3f191b2a5c95cb583c9ff212' },
  { code: 'id', name: 'Indonesian', pkg: 'libreoffice-help-id', kind: 'help', dir: 'id', sha256: '5aa8c2894f8638fb2ec50cce72f81e9559f9baf45845c40b990b7f046e3f73d4' },
  { code: 'tr', name: 'Turkish', pkg: 'libreoffice-help-tr', kind: 'help', dir: 'tr', sha256: '8fe832104805b66d2dc5c153564bcc55b5a084e10b3c3a3ea773c4b57659bfb8' },
  { code: 'nl', name: 'Dutch', pkg: 'libreoffice-help-nl', kind: 'help', dir: 'nl', sha256: '8b4b49a7d1bd0df3aa4693eeebe3f6886655427eaf736d9289c5ff6fbf489591' },
  { code: 'pl', name: 'Polish', pkg: 'libreoffice-help-pl', kind: 'help', dir: 'pl', sha256: '27441ce6d1303524b223aa94a17356bf7195f388d9b05a9e5e346866d7983694' },
  { code: 'hu', name: 'Hungarian', pkg: 'libreoffice-help-hu', kind: 'help', dir: 'hu', sha256: 'd4ae75812fdeb6f2b03fac6bc0f95d3f6824b75706930e806d41c751e68ffe27' },
  { code: 'br', name: 'Breton', pkg: 'libreoffice-l10n-br', kind: 'ui', dir: 'br', sha256: '9838dbeff2a497965ee71c241ec6b133bffd38595c4e72168cdf952783c8c79f' },
  { code: 'cy', name: 'Welsh', pkg: 'libreoffice-l10n-cy', kind: 'ui', dir: 'cy', sha256: 'bf09f6e1c15de255f188d55a6823538b9654e59ceb45964492d36ec4de9d1a18' },
  { code: 'ga', name: 'Irish', pkg: 'libreoffice-l10n-ga', kind: 'ui', dir: 'ga', sha256: 'bb52654d3f865b0aa974f70a4dbbd6445831b16beef832c55258a9c1e095e9f0' },
  { code: 'gd', name: 'Scottish Gaelic', pkg: 'libreoffice-l10n-gd', kind: 'ui', dir: 'gd', sha256: '3cb7bd44404edaa819204855cb8ed9231a0991e6ded32be2ef0ac62039b94a9c' },
  { code: 'ku', name: 'Kurdish (Kurmanji)', pkg: 'libreoffice-l10n-kmr', kind: 'ui', dir: 'kmr@latin', sha256: '0ed551ca221291399aff6d672b015885d488a330c7f6b0e1dd81a0897f3b5093' },
  { code: 'nso', name: 'Northern Sotho', pkg: 'libreoffice-l10n-nso', kind: 'ui', dir: 'nso', sha256: 'f1c936c3fd6764fcec547b541e6caf26ebc2f089c4d69ba74f206deb0ad07fe0' },
  { code: 'ro', name: 'Romanian', pkg: 'libreoffice-l10n-ro', kind: 'ui', dir: 'ro', sha256: '79d5ef7652aa216a83263657c870fa6146c0588df807c877167e77401ed4e82c' },
];

/** Words listed per foreign language (the most frequent; the rest falls to the letter model). */
const LISTED_WORDS = 2500;
/** A word is listed only if seen this often. */
const MIN_LISTED_COUNT = 3;
/** Pseudo-counts of the interpolated trigram and bigram estimates. */
const TRIGRAM_PRIOR = 4;
const BIGRAM_PRIOR = 4;

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function debFile(dir: string, pkg: string): string {
  const name = readdirSync(dir).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  if (name === undefined) throw new Error(`${pkg}: no .deb in ${dir} (see data/build/fetch-languages.sh)`);
  return join(dir, name);
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path, `${rel}${name}/`);
      else if (name.endsWith('.html')) out.push(`${rel}${name}`);
    }
  };
  walk(dir, '');
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const amp = s.indexOf('&', i);
    const semi = amp < 0 ? -1 : s.indexOf(';', amp);
    if (amp < 0 || semi < 0 || semi - amp > 10) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, amp);
    const name = s.slice(amp + 1, semi);
    if (name[0] === '#') {
      const cp = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      out += Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : ' ';
    } else {
      out += ENTITIES[name] ?? ' ';
    }
    i = semi + 1;
  }
  return out;
}

/** Text of an HTML fragment: tags dropped (a linear scan: no regular expression). */
function stripTags(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    const gt = html.indexOf('>', lt);
    if (gt < 0) break;
    out += ' ';
    i = gt + 1;
  }
  return decodeEntities(out).replace(/\s+/g, ' ').trim();
}

/** The paragraphs and headings of a help page, by their ids. */
function paragraphs(html: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  for (;;) {
    const at = html.indexOf(' id="', i);
    if (at < 0) break;
    const idEnd = html.indexOf('"', at + 5);
    const id = html.slice(at + 5, idEnd);
    i = idEnd + 1;
    if (!id.startsWith('par_id') && !id.startsWith('hd_id')) continue;
    // The element's tag name is just before ` id=`: its end tag closes the text.
    const open = html.lastIndexOf('<', at);
    const tag = html.slice(open + 1, at);
    const contentStart = html.indexOf('>', idEnd) + 1;
    const close = html.indexOf(`</${tag}>`, contentStart);
    if (contentStart <= 0 || close < 0) continue;
    const text = stripTags(html.slice(contentStart, close));
    if (text !== '') out.set(id, text);
    i = close;
  }
  return out;
}

/** Lower-case words (runs of letters and marks) of a text, NFC. */
function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFC').toLowerCase().matchAll(/[\p{L}\p{M}]+/gu)) out.push(m[0].normalize('NFC'));
  return out;
}

/**
 * The paragraphs of a language's help pages, by page and id (for the other languages to leave
 * out what a translated page kept in English: the same text as the English paragraph of the same
 * id).
 */
function helpTexts(root: string, english: Map<string, Map<string, string>> | undefined, pages: Map<string, Map<string, string>>): string[] {
  const out: string[] = [];
  for (const file of htmlFiles(root)) {
    const paras = paragraphs(readFileSync(join(root, file), 'utf8'));
    pages.set(file, paras);
    const en = english?.get(file);
    for (const [id, text] of paras) {
      if (en !== undefined && en.get(id) === text) continue; // left in English
      out.push(text);
    }
  }
  return out;
}

/** The translated strings (msgid → msgstr) of a GNU `.mo` catalogue; plural forms each. */
function moStrings(bytes: Buffer): [string, string][] {
  const le = bytes.readUInt32LE(0) === 0x950412de;
  const u32 = (at: number): number => (le ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const count = u32(8);
  const ids = u32(12);
  const strs = u32(16);
  const out: [string, string][] = [];
  for (let i = 0; i < count; i++) {
    const id = bytes.toString('utf8', u32(ids + 8 * i + 4), u32(ids + 8 * i + 4) + u32(ids + 8 * i));
    if (id === '') continue; // the header
    const str = bytes.toString('utf8', u32(strs + 8 * i + 4), u32(strs + 8 * i + 4) + u32(strs + 8 * i));
    const source = id.slice(id.indexOf('\x04') + 1).split('\0')[0];
    for (const form of str.split('\0')) out.push([source, form]);
  }
  return out;
}

/**
 * A user-interface string as text: mnemonics (`~Datei`, `_Datei`) dropped, placeholders
 * (`%PRODUCTNAME`, `$(ARG1)`, `%1`) and markup (`<b>`) made spaces.
 */
function uiText(s: string): string {
  return s
    .replace(/[~_]/g, '')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/%[A-Za-z0-9]+%?|\$\([A-Za-z0-9]*\)?|\$[A-Za-z0-9]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The distinct translated strings of a language's user-interface catalogues. A string left
 * as its English source is left out; a string used in many places counts once.
 */
function uiTexts(root: string): string[] {
  const seen = new Set<string>();
  for (const name of readdirSync(root).sort()) {
    if (!name.endsWith('.mo')) continue;
    for (const [source, translated] of moStrings(readFileSync(join(root, name)))) {
      if (translated === source) continue;
      const text = uiText(translated);
      if (text !== '') seen.add(text);
    }
  }
  return [...seen].sort();
}

/** FNV-1a of a text's UTF-16 code units. */
function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * One text in {@link HELD_OUT} (by its hash, so the same text is held out wherever it is) is
 * not counted: the tests read such texts as correct text the profiles have not seen.
 */
const HELD_OUT = 20;

function isHeldOut(text: string): boolean {
  return textHash(text) % HELD_OUT === 0;
}

/** Counts of the words of the texts that are not held out. */
function countWords(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    if (isHeldOut(text)) continue;
    for (const w of wordsOf(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

function sortedEntries(counts: Map<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Character trigram log10 probabilities over the folded alphabet, interpolated with bigrams and unigrams. */
function trigramTable(counts: Map<string, number>): Uint8Array {
  const A = ALPHABET;
  const n3 = new Float64Array(A * A * A);
  const n2 = new Float64Array(A * A);
  for (const [word, count] of counts) {
    let a = BOUNDARY;
    let b = BOUNDARY;
    const codes: number[] = [];
    for (const ch of word) codes.push(letterCode(ch.codePointAt(0)!));
    codes.push(BOUNDARY);
    for (const c of codes) {
      n3[(a * A + b) * A + c] += count;
      n2[b * A + c] += count;
      a = b;
      b = c;
    }
  }
  const n1 = new Float64Array(A);
  let total = 0;
  for (let b = 0; b < A; b++) for (let c = 0; c < A; c++) n1[c] += n2[b * A + c];
  for (let c = 0; c < A; c++) total += n1[c];
  const p1 = Float64Array.from(n1, (n) => (n + 1) / (total + A));
  const table = new Uint8Array(A * A * A);
  for (let a = 0; a < A; a++) {
    for (let b = 0; b < A; b++) {
      let ctx2 = 0;
      for (let c = 0; c < A; c++) ctx2 += n2[b * A + c];
      let ctx3 = 0;
      for (let c = 0; c < A; c++) ctx3 += n3[(a * A + b) * A + c];
      for (let c = 0; c < A; c++) {
        const p2 = (n2[b * A + c] + BIGRAM_PRIOR * p1[c]) / (ctx2 + BIGRAM_PRIOR);
        const p3 = (n3[(a * A + b) * A + c] + TRIGRAM_PRIOR * p2) / (ctx3 + TRIGRAM_PRIOR);
        table[(a * A + b) * A + c] = encodeLogProb(Math.log10(p3));
      }
    }
  }
  return table;
}

/** Latin letters: other scripts share the code of any other letter and need no entry. */
function isLatin(cp: number): boolean {
  return cp < 0x250 || (cp >= 0x1e00 && cp <= 0x1eff);
}

/** log10 P(letter | base letter) of every letter the text uses. */
function letterTable(counts: Map<string, number>): Record<string, number> {
  const byLetter = new Map<string, number>();
  const byBase = new Map<number, number>();
  for (const [word, count] of counts) {
    for (const ch of word) {
      byLetter.set(ch, (byLetter.get(ch) ?? 0) + count);
      const base = letterCode(ch.codePointAt(0)!);
      byBase.set(base, (byBase.get(base) ?? 0) + count);
    }
  }
  const out: Record<string, number> = {};
  for (const ch of [...byLetter.keys()].sort()) {
    if (!isLatin(ch.codePointAt(0)!)) continue;
    const base = byBase.get(letterCode(ch.codePointAt(0)!))!;
    const n = byLetter.get(ch)!;
    if (n < MIN_LISTED_COUNT && letterCode(ch.codePointAt(0)!) !== OTHER_LETTER) continue;
    out[ch] = Math.round(Math.log10(n / base) * 1000) / 1000;
  }
  return out;
}

interface Built {
  section: Omit<LanguageSection, 'words' | 'wordCodes' | 'trigrams'>;
  listed: [string, number][];
  trigrams: Uint8Array;
}

function buildLanguage(code: string, name: string, counts: Map<string, number>, withLetters: boolean, limit: number): Built {
  let tokens = 0;
  for (const n of counts.values()) tokens += n;
  const listed = sortedEntries(counts)
    .filter(([, n]) => n >= MIN_LISTED_COUNT)
    .slice(0, limit);
  let mass = 0;
  for (const [, n] of listed) mass += n;
  // Sorted by their UTF-8 bytes: the reader searches the bytes in place.
  listed.sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
  const section: Built['section'] = { code, name, tokens, listedMass: Math.round((mass / tokens) * 1e6) / 1e6 };
  if (withLetters) section.letters = letterTable(counts);
  return { section, listed: listed.map(([w, n]) => [w, Math.log10(n / tokens)]), trigrams: trigramTable(counts) };
}

/** Vietnamese: syllable counts of the model, folded to their skeletons (`việt` → `viet`). */
function vietnameseSkeletons(model: LanguageModel): Map<string, number> {
  const counts = new Map<string, number>();
  for (let id = SPECIAL_UNITS.length; id < model.vocabSize; id++) {
    const skeleton = foldWord(model.unit(id));
    counts.set(skeleton, (counts.get(skeleton) ?? 0) + model.count(id));
  }
  return counts;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const debs = resolve(argument('debs', join(root, '..', 'shared', 'languages')));
  const modelPath = resolve(argument('model', join(root, 'data', 'model.bin')));
  const out = resolve(argument('out', join(root, 'data', 'languages.bin')));
  const heldOutPath = argument('held-out', '');
  const heldOut: { code: string; texts: string[] }[] = [];
  const work = mkdtempSync(join(tmpdir(), 'vietfix-languages-'));
  try {
    const built: Built[] = [];
    const model = LanguageModel.fromBuffer(readFileSync(modelPath));
    const vi = vietnameseSkeletons(model);
    built.push(buildLanguage('vi', 'Vietnamese', vi, false, vi.size));
    let english: Map<string, Map<string, string>> | undefined;
    for (const p of PACKAGES) {
      const deb = debFile(debs, p.pkg);
      const sum = sha256(deb);
      if (sum !== p.sha256) throw new Error(`${deb}: SHA-256 ${sum}, expected ${p.sha256} (${p.pkg} ${VERSION})`);
      const dir = join(work, p.pkg);
      execFileSync('dpkg-deb', ['-x', deb, dir]);
      let texts: string[];
      if (p.kind === 'help') {
        const pages = new Map<string, Map<string, string>>();
        texts = helpTexts(join(dir, 'usr', 'share', 'libreoffice', 'help', p.dir), english, pages);
        if (p.code === 'en') english = pages;
      } else {
        texts = uiTexts(join(dir, 'usr', 'lib', 'libreoffice', 'program', 'resource', p.dir, 'LC_MESSAGES'));
      }
      const counts = countWords(texts);
      built.push(buildLanguage(p.code, p.name, counts, true, LISTED_WORDS));
      heldOut.push({ code: p.code, texts: texts.filter(isHeldOut) });
      console.error(`${p.code}: ${counts.size} word types`);
    }
    writeFileSync(out, encode(built, model));
    if (heldOutPath !== '') {
      writeFileSync(heldOutPath, heldOutSample(heldOut));
      console.error(`wrote ${heldOutPath}`);
    }
    console.error(`wrote ${out}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Held-out texts written per language, for the tests (`--held-out-lines`). */
const HELD_OUT_LINES = Number(argument('held-out-lines', '40'));

/**
 * A sample of each language's held-out texts, `code<TAB>text` a line: texts of 4 to 30 words
 * (a sentence or a label with a few words, not a heading of one), in the order of their hashes.
 */
function heldOutSample(heldOut: readonly { code: string; texts: string[] }[]): string {
  const rows: string[] = [];
  for (const { code, texts } of heldOut) {
    const fit = [...new Set(texts)].filter((t) => {
      const n = wordsOf(t).length;
      return n >= 4 && n <= 30 && !t.includes('\t');
    });
    fit.sort((a, b) => textHash(a + '\n') - textHash(b + '\n') || (a < b ? -1 : a > b ? 1 : 0));
    for (const t of fit.slice(0, HELD_OUT_LINES)) rows.push(`${code}\t${t}`);
  }
  return rows.join('\n') + '\n';
}

function encode(built: Built[], model: LanguageModel): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let offset = 0;
  const put = (bytes: Uint8Array): [number, number] => {
    parts.push(bytes);
    const range: [number, number] = [offset, offset + bytes.length];
    offset += bytes.length;
    return range;
  };
  const languages: LanguageSection[] = [];
  for (const b of built) {
    const words = put(encoder.encode(b.listed.map(([w]) => w).join('\n')));
    const wordCodes = put(Uint8Array.from(b.listed, ([, lp]) => encodeLogProb(lp)));
    const trigrams = put(b.trigrams);
    languages.push({ ...b.section, words, wordCodes, trigrams });
  }
  const meta: LanguagesMeta = {
    name: 'vietfix language identification data',
    licence: 'CC BY-SA 4.0 (Vietnamese part, from model.bin); MPL-2.0 (statistics of the LibreOffice help and user-interface translations)',
    sources: {
      vietnamese: `syllable counts of data/model.bin (${model.vocabSize} ids)`,
      foreign: PACKAGES.map((p) => ({ package: p.pkg, version: VERSION, sha256: p.sha256, licence: 'MPL-2.0' })),
    },
    languages,
  };
  const metaBytes = encoder.encode(JSON.stringify(meta));
  const header = new Uint8Array(12 + metaBytes.length);
  header.set(encoder.encode(LANGUAGES_MAGIC), 0);
  const view = new DataView(header.buffer);
  view.setUint32(4, LANGUAGES_VERSION, true);
  view.setUint32(8, metaBytes.length, true);
  header.set(metaBytes, 12);
  const outBytes = new Uint8Array(header.length + offset);
  outBytes.set(header, 0);
  let at = header.length;
  for (const p of parts) {
    outBytes.set(p, at);
    at += p.length;
  }
  return outBytes;
}

main();
