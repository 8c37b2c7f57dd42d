/**
 * Correct text of many shapes through `fix` (the built library, `dist/`): every change is a
 * false repair. Lines come from real material (the training corpus, the word lists and bilingual
 * fixtures, Debian documentation and the Vietnamese gettext catalogues on this machine) in lower,
 * title and upper case, with every Windows-1252 punctuation mark and symbol attached before or
 * after words.
 *
 *   npm run build && npx tsx bench/harm-hunt.ts [--lines 5000] [--ocr off|auto|both] [--seed 1]
 *   npx tsx bench/harm-hunt.ts --catalogues all   # every catalogue line once, as written
 *   npx tsx bench/harm-hunt.ts --catalogues all --lines 0 --locales foreign [--per-locale 2000]
 *     # the catalogues of every other language on this machine: correct text that must not change
 *
 * Prints the number of lines changed per source and shape, and each change (before → after).
 * The catalogues are read with `msgunfmt` (package gettext) from /usr/share/locale/vi; without
 * them that source is skipped with a message.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stringOption } from './args.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const { fix } = (await import(pathToFileURL(join(ROOT, 'dist/index.js')).href)) as typeof import('../src/index.js');

const LINES = Number(stringOption('lines', '5000'));
const CATALOGUES = stringOption('catalogues', 'sample');
const OCR = stringOption('ocr', 'both');
/** `vi`, `foreign` (every other locale), `all`, or a comma-separated list of locale folders. */
const LOCALES = stringOption('locales', 'vi');
/** At most this many lines of each locale, evenly spaced (0: all). */
const PER_LOCALE = Number(stringOption('per-locale', '0'));
let seed = Number(stringOption('seed', '1')) >>> 0;
/** A small deterministic generator (mulberry32), so that a run can be repeated. */
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

/** Marks and symbols of Windows-1252 and Latin-1 that stick to words. */
const BEFORE = ['“', '‘', '«', '‹', '(', '[', '"', "'", '„', '‚', '¿', '¡', '•', '·', '–', '—', '§', '¶', '€', '£', '¥', '±', '\u00A0'];
const AFTER = ['”', '’', '»', '›', '…', '–', '—', '™', '®', '©', '°', '±', '²', '³', 'µ', '·', '¼', '½', '¾', '€', '£', '¥', '§', '¶', '\u00A0', '\u00AD', '.', ',', ':', ';', '!', '?', ')', ']', '"', "'", '‰', '†', '‡', '¨', '´', '¸', '¯', '¬', '¦', '¤', '¢', 'ª', 'º', '×', '÷'];

const corpusDir = join(ROOT, '../shared/corpus/text');
function corpusLines(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(corpusDir).filter((f) => f.endsWith('.gz'))) {
    const lines = gunzipSync(readFileSync(join(corpusDir, f))).toString('utf8').split('\n').filter((l) => l.length > 10 && l.length < 300);
    for (let i = 0; i < 400 && lines.length; i++) out.push(pick(lines));
  }
  return out;
}
function fixtureLines(): string[] {
  const out: string[] = [];
  const dir = join(ROOT, 'test/fixtures');
  for (const sub of ['languages', 'words']) {
    for (const f of readdirSync(join(dir, sub)).filter((f) => f.endsWith('.txt'))) {
      const words = readFileSync(join(dir, sub, f), 'utf8').split('\n').map((l) => l.split('\t')[0]).filter(Boolean);
      for (let i = 0; i < 150; i++) out.push(Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(words)).join(' '));
    }
  }
  for (const f of readdirSync(join(dir, 'bilingual')).filter((f) => /\.(tsv|txt)$/.test(f))) {
    // The first column of a .tsv file names the language or the catalogue of the line.
    for (const l of readFileSync(join(dir, 'bilingual', f), 'utf8').split('\n')) if (l.trim()) out.push(f.endsWith('.tsv') ? l.slice(l.indexOf('\t') + 1) : l);
  }
  return out;
}
/** Real English text with symbols: Debian documentation and man pages on this machine. */
function debianLines(): string[] {
  const out: string[] = [];
  const files: string[] = [];
  for (const d of ['/usr/share/doc']) {
    if (!existsSync(d)) continue;
    for (const p of readdirSync(d)) for (const name of ['copyright', 'README', 'README.md', 'NEWS']) {
      const f = join(d, p, name);
      if (existsSync(f)) files.push(f);
    }
  }
  for (let i = 0; i < 300 && files.length; i++) {
    const lines = readFileSync(pick(files), 'utf8').split('\n').filter((l) => l.trim().length > 3 && l.length < 300);
    for (let j = 0; j < 5 && lines.length; j++) out.push(pick(lines));
  }
  try {
    const man = readdirSync('/usr/share/man/man1').filter((f) => f.endsWith('.gz'));
    for (let i = 0; i < 60 && man.length; i++) {
      const text = execFileSync('man', ['-P', 'cat', join('/usr/share/man/man1', pick(man))], { env: { ...process.env, MANWIDTH: '100' }, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
      const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 3);
      for (let j = 0; j < 5 && lines.length; j++) out.push(pick(lines));
    }
  } catch { /* no man */ }
  return out;
}
/**
 * Every line of the translations of one locale in the gettext catalogues on this machine (apt,
 * coreutils, binutils, …: prose with options, format directives and identifiers), headers
 * included, each distinct line once; empty when there are none or `msgunfmt` is missing. Lines
 * that are not valid UTF-8 (a few catalogues hold some) are left out.
 */
function catalogueLines(locale: string): string[] {
  const dir = `/usr/share/locale/${locale}/LC_MESSAGES`;
  if (!existsSync(dir)) {
    console.log(`SKIP\tcatalogues: no ${dir}`);
    return [];
  }
  const escapes: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', a: '\x07', r: '\r', v: '\v', b: '\b', f: '\f' };
  const unescape = (s: string): string => s.replace(/\\(.)/g, (m, c: string) => escapes[c] ?? m);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const out = new Set<string>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.mo')).sort()) {
    let po: Buffer;
    try {
      po = execFileSync('msgunfmt', [join(dir, f)], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
    } catch {
      continue;
    }
    // msgstr "…" and the quoted lines that continue it; a blank or other line ends it.
    let current: string | undefined;
    const flush = (): void => {
      if (current !== undefined) for (const line of unescape(current).split('\n')) if (line.trim()) out.add(line);
      current = undefined;
    };
    let start = 0;
    while (start < po.length) {
      let end = po.indexOf(10, start);
      if (end < 0) end = po.length;
      let line: string;
      try {
        line = utf8.decode(po.subarray(start, end));
      } catch {
        line = '';
        current = undefined;
      }
      start = end + 1;
      if (line.startsWith('"') && current !== undefined) current += line.slice(1, -1);
      else {
        flush();
        if (line.startsWith('msgstr')) current = line.slice(line.indexOf('"') + 1, -1);
      }
    }
    flush();
  }
  const lines = [...out];
  if (PER_LOCALE <= 0 || lines.length <= PER_LOCALE) return lines;
  const step = lines.length / PER_LOCALE;
  return Array.from({ length: PER_LOCALE }, (_, i) => lines[Math.floor(i * step)]);
}

/** The locale folders asked for with `--locales`. */
function locales(): string[] {
  if (LOCALES !== 'foreign' && LOCALES !== 'all') return LOCALES.split(',').filter(Boolean);
  const root = '/usr/share/locale';
  if (!existsSync(root)) return [];
  const all = readdirSync(root).filter((l) => existsSync(join(root, l, 'LC_MESSAGES'))).sort();
  return LOCALES === 'all' ? all : all.filter((l) => l !== 'vi');
}

/** Latin-1 words of European languages, brands, prices, units, URLs, paths, code, markup. */
const LATIN1 = ['CAFÉ', 'ÉTÉ', 'NIÑO', 'ÇA', 'GARÇON', 'FRÈRE', 'MÜNCHEN', 'STRAßE', 'ÅRHUS', 'ØRESUND', 'ÆGIR', 'SÃO', 'NÃO', 'MÃE', 'CORAÇÃO', 'PÂTÉ', 'HÔTEL', 'CRÈME', 'BRÛLÉE', 'ÎLE', 'NOËL', 'AÑO', 'CAÑÓN', 'ÜBER', 'ÖL', 'ÄRGER', 'FÊTE', 'CÔTE', 'ÉCOLE', 'JOSÉ', 'ZOË', 'Café', 'été', 'niño', 'Ação', 'São Paulo', 'Müller', 'Åse', 'Þór', 'Ðuro', 'ðe', 'þorn', 'Œuvre', 'œuf', 'Ÿ', 'señor', 'Škoda', 'Žižek', 'façade', 'naïve', 'résumé', 'über', 'Göteborg', 'Ångström', 'Perú', 'Bogotá', 'Può', 'PUÒ', 'CITTÀ', 'PERCHÉ', 'Già', 'così'];
const BRANDS = ['Microsoft®', 'Windows™', 'iPhone®', 'Coca-Cola®', 'LEGO®', 'Nescafé®', 'Häagen-Dazs®', 'Citroën™', 'Škoda©', 'Intel® Core™ i7', 'Adobe® Photoshop®', '© 2024 Acme Inc.', 'Toyota Prius™', 'UNIQLO®', 'VinFast™', 'Viettel®', 'Vinamilk®', 'Sữa Vinamilk®', 'Bánh Kinh Đô™'];
const THINGS = ['€9.99', '£5', '¥1000', '$3.50', '25°C', '±0.5 mm', '10 µm', 'm²', 'cm³', '½ cup', '¼', '50%', '‰', '§ 12', '¶ 3', 'https://vi.wikipedia.org/wiki/Việt_Nam', 'http://example.com/a?b=c&d=é', 'user@example.com', 'nguyễn.văn@công-ty.vn', '/usr/share/doc/README', 'C:\\Program Files\\Tài liệu', 'fooBar_baz()', '`code`', '**đậm**', '<b>Việt</b>', '&amp;', '&eacute;', '# Tiêu đề', '- mục', '1. một', '[liên kết](http://x.vn)', 'v1.2.3', '192.168.1.1', 'ISO 8859-1', 'UTF-8', 'Win-1252', 'x86_64'];

function casing(line: string): string {
  const r = random();
  if (r < 0.35) return line;
  if (r < 0.65) return line.toUpperCase();
  if (r < 0.8) return line.toLowerCase();
  return line.replace(/(^|\s)(\p{Ll})/gu, (_m, s, c: string) => s + c.toUpperCase());
}
/** Attaches marks and symbols to some words of `line`. */
function decorate(line: string): string {
  const words = line.split(' ');
  const n = 1 + Math.floor(random() * 3);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(random() * words.length);
    if (random() < 0.5) words[k] = pick(BEFORE) + words[k];
    else words[k] = words[k] + pick(AFTER) + (random() < 0.2 ? pick(AFTER) : '');
  }
  return words.join(' ');
}
function mixed(): string {
  const parts = Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick([LATIN1, BRANDS, THINGS]));
  return parts.map((p) => pick(p)).join(' ');
}

const catalogues = new Map(locales().map((l) => [l, catalogueLines(l)]));
const sources: Record<string, string[]> = { corpus: corpusLines(), fixtures: fixtureLines(), debian: debianLines() };
const vietnameseCatalogues = catalogues.get('vi') ?? [];
if (vietnameseCatalogues.length > 0) sources.catalogues = vietnameseCatalogues;
const generated: { source: string; line: string }[] = [];
// Every catalogue line once, as written: the harm on real bilingual documentation.
if (CATALOGUES === 'all') {
  for (const [locale, lines] of catalogues) for (const line of lines) generated.push({ source: locale === 'vi' ? 'catalogues-all' : `catalogues-${locale}`, line });
}
for (let i = 0; i < LINES; i++) {
  const r = random();
  if (r < 0.15) generated.push({ source: 'mixed', line: decorate(casing(mixed())) });
  else if (r < 0.25) {
    const base = pick(sources.corpus).split(' ').slice(0, 8).join(' ');
    generated.push({ source: 'corpus+mixed', line: decorate(casing(base + ' ' + mixed())) });
  } else {
    const source = pick(Object.keys(sources));
    const base = pick(sources[source]);
    generated.push({ source, line: random() < 0.8 ? decorate(casing(base)) : base });
  }
}

const modes: { name: string; opts: object }[] = [];
if (OCR === 'off' || OCR === 'both') modes.push({ name: 'default', opts: {} });
if (OCR === 'auto' || OCR === 'both') modes.push({ name: 'ocr-auto', opts: { ocr: 'auto' } });
const counts = new Map<string, number>();
for (const mode of modes) {
  let changed = 0;
  const bySource = new Map<string, [number, number]>();
  for (const { source, line } of generated) {
    const out = fix(line, mode.opts);
    const tally = bySource.get(source) ?? [0, 0];
    tally[1]++;
    bySource.set(source, tally);
    if (out.text === line) continue;
    tally[0]++;
    changed++;
    const kinds = [...new Set(out.edits.map((e) => `${e.kind}${e.detail ? ":" + e.detail : ""}`))].join(",");
    const key = `${mode.name}\t${source}\t${kinds}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const spans = out.edits.map((e) => `${JSON.stringify(line.slice(e.start, e.end))}→${JSON.stringify(e.after)}`).join(' ');
    console.log(`CHANGE\t${mode.name}\t${source}\t${kinds}\t${JSON.stringify(line)}\t${spans}`);
  }
  for (const [source, [n, of]] of [...bySource].sort((a, b) => b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1))) {
    if (n > 0) console.log(`SOURCE\t${mode.name}\t${source}\t${n}/${of}`);
  }
  console.log(`TOTAL\t${mode.name}\t${changed}/${generated.length} lines changed`);
}
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`CLASS\t${k}\t${v}`);
