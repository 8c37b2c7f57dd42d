/**
 * The spelling rules of Vietnamese syllables (chữ Quốc ngữ), as data.
 *
 * A syllable is written initial + medial + nucleus + final, with one tone mark on the nucleus
 * (or, in the old placement style, on the medial of an open `oa`/`oe`/`uy`). Nuclei are kept in
 * their written form: the diphthongs are `iê`/`yê`/`uô`/`ươ` before a final and `ia`/`ya`/`ua`/`ưa`
 * without one; `oo` is the long o of `xoong`, `moóc`.
 *
 * Beyond the rhyme lists, the spelling of the initial depends on what follows: `k`/`gh`/`ngh`
 * before e ê i (y), `c`/`g`/`ng` elsewhere; /k/ before a glide is always `qu` (so no `coa`,
 * `cuy`); `gh`/`ngh` never before `y`; `iê` after no initial is written `yê` (`yên`, not `iên`);
 * `gi` takes no medial u. Loans that became standard spellings are in: `boong`, `xoong`,
 * `buýt`, `gioăng`.
 */

/** Initial consonants in written form (`''` for none). `qu` always goes with the medial `u`. */
export const INITIALS = [
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh',
  'nh', 'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x',
] as const;

/** Finals `c ch p t` end in a stop: such syllables take only sắc or nặng. */
export const STOP_FINALS: ReadonlySet<string> = new Set(['c', 'ch', 'p', 't']);

/** nucleus → the finals it takes (`''` = open syllable). */
type RhymeTable = Readonly<Record<string, readonly string[]>>;

const f = (list: string): readonly string[] => list.split(' ').map((x) => (x === '-' ? '' : x));

/** Rhymes without a medial glide. `yê` is listed but is only written after no initial. */
export const PLAIN_RHYMES: RhymeTable = {
  a: f('- i o u y m n ng nh c ch p t'),
  ă: f('m n ng c p t'),
  â: f('u y m n ng c p t'),
  e: f('- o m n ng c p t'),
  ê: f('- u m n nh ch p t'),
  i: f('- u m n nh ch p t'),
  ia: f('-'),
  iê: f('u m n ng c p t'),
  o: f('- i m n ng c p t'),
  oo: f('ng c'),
  ô: f('- i m n ng c p t'),
  ơ: f('- i m n p t'),
  u: f('- i m n ng c p t'),
  ua: f('-'),
  uô: f('i m n ng c t'),
  ư: f('- i u m n ng c t'),
  ưa: f('-'),
  ươ: f('i u m n ng c p t'),
  y: f('-'),
  yê: f('u m n ng c p t'),
};

/** Rhymes after the medial `o` (`hoa`, `hoăn`, `khoe`). */
export const O_RHYMES: RhymeTable = {
  a: f('- i o y m n ng nh c ch p t'),
  ă: f('m n ng c t'),
  e: f('- o m n t'),
};

/** Rhymes after the medial `u` when the initial is not `qu` (`thuy`, `khuya`, `tuân`, `thuở`, `huế`). */
export const U_RHYMES: RhymeTable = {
  y: f('- u n nh ch t'),
  ya: f('-'),
  yê: f('n t'),
  â: f('n ng t y'),
  ơ: f('-'),
  ê: f('- u nh ch t'),
};

/** Rhymes after `qu` (whose `u` is the medial): `qua`, `quăn`, `quân`, `quê`, `quy`, `quyên`, `quốc`. */
export const QU_RHYMES: RhymeTable = {
  a: f('- i o u y m n ng nh c ch p t'),
  ă: f('m n ng c p t'),
  â: f('u y m n ng c p t'),
  e: f('- o m n ng c p t'),
  ê: f('- u m n nh ch p t'),
  i: f('- n nh t'),
  y: f('- u n nh ch t'),
  ya: f('-'),
  yê: f('n t'),
  o: f('- n ng c'),
  ô: f('c'),
  ơ: f('- i m n t'),
};

/**
 * Rhymes after `gi`. Its `i` merges with a nucleus that starts with `i` (`gì` = gi + i,
 * `giếng` = gi + iêng), so `gi` takes the plain rhymes except those starting with `i`/`y`,
 * plus `i` and `iê` with the finals below.
 */
export const GI_MERGED_RHYMES: RhymeTable = {
  i: f('- m n nh ch p t'),
  iê: f('u m n ng c p t'),
};

/** Letters that call for `k`/`gh`/`ngh` instead of `c`/`g`/`ng`. */
const FRONT_FOR_K = new Set(['e', 'ê', 'i', 'y']);
const FRONT_FOR_GH = new Set(['e', 'ê', 'i']);

/**
 * Whether `initial` may be followed by a rhyme whose first written letter is `first`
 * (the medial, or the nucleus when there is none): c/k, g/gh and ng/ngh.
 */
export function initialFits(initial: string, first: string): boolean {
  switch (initial) {
    case 'k':
      return FRONT_FOR_K.has(first);
    case 'gh':
    case 'ngh':
      return FRONT_FOR_GH.has(first);
    case 'c':
    case 'g':
    case 'ng':
      return !FRONT_FOR_K.has(first);
    default:
      return true;
  }
}
