/**
 * Mojibake as it is found in the wild: UTF-8 shown as Windows-1252 or Latin-1, then copied,
 * pasted and saved again, losing bytes on the way. Generated sentences are damaged with each
 * loss and must come back exactly; correct Latin-1 text must come out byte-identical.
 *
 * Runs: a fixed seed in CI (see test/support/fast-check-seed.ts); `FUZZ_RUNS=100000` explores more.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodingStage, fix, runStages } from '../src/index.js';
import { badness } from '../src/encoding/badness.js';
import { defaultModel } from '../src/model/index.js';
import { allSyllables, isValidSyllable } from '../src/orthography/index.js';
import { asCp1252, asLatin1 } from './support/byte-views.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const model = defaultModel();

const utf8 = (s: string) => new TextEncoder().encode(s);


const mojibake = (s: string) => asCp1252(utf8(s));
const repairEncoding = (s: string) => runStages(s, [encodingStage()]).text;

/** The byte a loss removes (or turns into a space), shown as Windows-1252 shows it. */
const LOSSES: ReadonlyArray<readonly [name: string, byte: number, damage: (s: string) => string]> = [
  ['no-break space turned into a space', 0xa0, (s) => s.replaceAll('\u00a0', ' ')],
  ['no-break space dropped', 0xa0, (s) => s.replaceAll('\u00a0', '')],
  ['soft hyphen dropped', 0xad, (s) => s.replaceAll('\u00ad', '')],
  ...[0x81, 0x8d, 0x8f, 0x90, 0x9d].map(
    (b) => [`0x${b.toString(16).toUpperCase()} lost`, b, (s: string) => s.replaceAll(String.fromCharCode(b), '')] as const,
  ),
];

/** The bytes any of the losses takes away. */
const LOSSY_BYTES = [0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xa0, 0xad];

/**
 * Other letters a reader cannot tell `ch` from once the last byte of its UTF-8 is lost: the
 * letters with the same bytes but the last, which is lossy too (`à` C3 A0 and `í` C3 AD).
 */
function lookAlikes(ch: string, lostByte: number): string[] {
  const bytes = utf8(ch);
  if (bytes.length < 2 || bytes[bytes.length - 1] !== lostByte) return [];
  const out: string[] = [];
  for (const b of LOSSY_BYTES) {
    if (b === lostByte) continue;
    const other = Uint8Array.from([...bytes.slice(0, -1), b]);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(other);
    if ([...text].length === 1 && text !== '\ufffd' && /\p{L}|”/u.test(text)) out.push(text);
  }
  return out;
}

function plausibleCase(w: string): boolean {
  const lower = w.toLowerCase();
  return w === lower || w === w.toUpperCase() || w === w[0] + lower.slice(1);
}

/**
 * Whether one of the words has another spelling a loss makes it look like that is a valid
 * syllable Vietnamese text uses (`thính` and `thành` once the byte after C3 is gone): only
 * the sentence's meaning could tell them apart.
 */
function ambiguous(sentence: string, lostByte: number): boolean {
  for (const m of sentence.matchAll(/\p{L}+/gu)) {
    const w = m[0];
    const chars = [...w];
    for (let i = 0; i < chars.length; i++) {
      for (const other of lookAlikes(chars[i], lostByte)) {
        const alt = [...chars.slice(0, i), other, ...chars.slice(i + 1)].join('');
        if (plausibleCase(alt) && isValidSyllable(alt) && model.has(alt.toLowerCase())) return true;
      }
    }
  }
  return false;
}

// Syllables of two letters or more with a letter outside ASCII that Vietnamese text uses (the
// bundled model's vocabulary), in every case a text uses.
const POOL = allSyllables().filter((s) => s.length >= 2 && /[^a-z]/.test(s) && model.has(s));
const word = fc
  .tuple(fc.constantFrom(...POOL), fc.constantFrom('lower', 'title', 'upper'))
  .map(([w, c]) => (c === 'upper' ? w.toUpperCase() : c === 'title' ? w[0].toUpperCase() + w.slice(1) : w));
/** A word with the punctuation around it that Vietnamese text uses. */
const token = fc
  .tuple(word, fc.constantFrom('', '', '', '“…”', '‘…’', '…,', '….', '…!', '…?', '(…)', '……', '…:'))
  .map(([w, p]) => (p === '' ? w : p.replace('…', '\u0000').replace('…', '…').replace('\u0000', w)));
const sentence = fc
  .array(fc.oneof({ weight: 8, arbitrary: token }, { weight: 1, arbitrary: fc.constantFrom('–', '—') }), {
    minLength: 5,
    maxLength: 12,
  })
  .map((tokens) => tokens.join(' '));

/** Whether the damaged text still has a byte pair that shows mojibake for certain (`Ã©`, `á»™`). */
function hasIntactPair(damaged: string, original: string): boolean {
  // Words whose mojibake survived the loss unchanged.
  return original.split(' ').some((w) => {
    const m = mojibake(w);
    return m !== w && !LOSSY_BYTES.some((b) => m.includes(String.fromCharCode(b))) && damaged.includes(m);
  });
}

const CASES = ['lower', 'title', 'upper'] as const;
function inCase(w: string, c: (typeof CASES)[number]): string {
  return c === 'upper' ? w.toUpperCase() : c === 'title' ? w[0].toUpperCase() + w.slice(1) : w;
}

/** Words the loss of `byte` damages, and that have no valid look-alike once damaged. */
function damagedWords(byte: number): string[] {
  const out: string[] = [];
  for (const w of POOL) {
    for (const c of CASES) {
      const cased = inCase(w, c);
      if (utf8(cased).includes(byte) && mojibake(cased).includes(String.fromCharCode(byte)) && !ambiguous(cased, byte)) out.push(cased);
    }
  }
  return out;
}

describe('property: Vietnamese mojibake with a lost byte comes back exactly', () => {
  for (const [name, byte, loss] of LOSSES) {
    const targets = damagedWords(byte);
    // A sentence with at least one word the loss damages, anywhere in it.
    const damagedSentence = fc
      .tuple(sentence, fc.array(fc.constantFrom(...(targets.length > 0 ? targets : ['-'])), { minLength: 1, maxLength: 3 }), fc.nat())
      .map(([s, ws, at]) => {
        const tokens = s.split(' ');
        for (const w of ws) tokens.splice(at % (tokens.length + 1), 0, w);
        return tokens.join(' ');
      });
    // 0x8F: every syllable with `ỏ` has a look-alike in use (`hỏi`, `hời`); the language model
    // decides those by context (see test/encoding.test.ts), not the spelling alone.
    it.skipIf(targets.length === 0)(`${name} (${targets.length} words it damages)`, () => {
      fc.assert(
        fc.property(damagedSentence, (s) => {
          const damaged = loss(mojibake(s));
          // The loss must have happened, the line must show mojibake for certain somewhere,
          // and no word may have a valid look-alike the loss makes it indistinguishable from.
          // A sentence that itself reads as mojibake (`“BÃ”`: `Ã”` is `Ô`) cannot be told from it.
          fc.pre(damaged !== mojibake(s) && hasIntactPair(damaged, s) && !ambiguous(s, byte) && badness(s) === 0);
          expect(repairEncoding(damaged)).toBe(s);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('without any loss, in Windows-1252, Latin-1 and twice', () => {
    fc.assert(
      fc.property(sentence, (s) => {
        fc.pre(badness(s) === 0);
        expect(repairEncoding(mojibake(s))).toBe(s);
        expect(repairEncoding(asLatin1(utf8(s)))).toBe(s);
        expect(repairEncoding(mojibake(mojibake(s)))).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });
});

/** Words of real text (Hunspell dictionaries as Debian ships them; see fixtures/words/README.md). */
function wordList(lang: string): string[] {
  return readFileSync(new URL(`./fixtures/words/${lang}.txt`, import.meta.url), 'utf8').split('\n').filter(Boolean);
}

const LANGUAGES = ['de', 'fr', 'es', 'pt', 'tr'] as const;
const WORDS = Object.fromEntries(LANGUAGES.map((l) => [l, wordList(l)])) as Record<(typeof LANGUAGES)[number], string[]>;

describe('property: mojibake of other languages comes back exactly', () => {
  for (const lang of LANGUAGES) {
    const words = fc.array(fc.constantFrom(...WORDS[lang]), { minLength: 1, maxLength: 8 });
    it(`${lang}: alone and inside an English line`, () => {
      fc.assert(
        fc.property(words, fc.boolean(), (ws, english) => {
          const s = english ? `He wrote ${ws.join(' ')} in 2019.` : ws.join(' ') + '.';
          expect(repairEncoding(mojibake(s))).toBe(s);
          expect(repairEncoding(asLatin1(utf8(s)))).toBe(s);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('inside a Vietnamese line with its own mojibake', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LANGUAGES.flatMap((l) => WORDS[l])), sentence, (foreign, vi) => {
        const s = `${vi} ${foreign} ${vi}`;
        fc.pre(badness(s) === 0);
        expect(repairEncoding(mojibake(s))).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });
});

/** Western European words that Latin-1 can write (Turkish ğ ı ş cannot). */
const LATIN1_WORDS = ['de', 'fr', 'es', 'pt'].flatMap((l) => WORDS[l as 'de']).filter((w) => /^[\x00-\xff]+$/.test(w));
const latin1Word = fc
  .tuple(fc.constantFrom(...LATIN1_WORDS), fc.constantFrom('lower', 'title', 'upper', 'as is'))
  .map(([w, c]) => (c === 'upper' ? w.toUpperCase() : c === 'title' ? w[0].toUpperCase() + w.slice(1) : c === 'lower' ? w.toLowerCase() : w))
  .filter((w) => /^[\x00-\xff]+$/.test(w));
/** A word with what Western European text puts around it: ® ™ … ’ ¿ ¡ ´ × and the no-break space. */
const latin1Token = fc
  .tuple(
    latin1Word,
    fc.constantFrom('…', '…®', '…™', '…’s', '¿…?', '¡…!', '……', '«…»', '«\u00a0…\u00a0»', 'l’…', 'l´…', '…,', '….', '“…”', '„…“'),
  )
  .map(([w, p]) => p.replace('…', '\u0000').replace('…', '…').replace('\u0000', w));
const latin1Text = fc
  .array(fc.oneof({ weight: 6, arbitrary: latin1Token }, { weight: 1, arbitrary: fc.constantFrom('12×…', '3×4', '2×', '–', '—', '…') }), {
    minLength: 1,
    maxLength: 10,
  })
  .chain((tokens) =>
    fc.array(fc.constantFrom(' ', ' ', ' ', '\u00a0'), { minLength: tokens.length, maxLength: tokens.length }).map((seps) =>
      tokens.map((t, i) => (i === 0 ? t : seps[i] + t)).join(''),
    ),
  );

/** Words ending in `á` (its UTF-8 lead byte is that of `ạ`…`ỹ`: `á»` and a third byte read as one letter). */
const ENDING_IN_A_ACUTE = LATIN1_WORDS.filter((w) => w.endsWith('á'));

describe('property: correct Latin-1 text stays byte-identical', () => {
  it('Western European words with capitals, symbols and no-break spaces', () => {
    fc.assert(
      fc.property(latin1Text, (s) => {
        expect(repairEncoding(s)).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });

  it('a word ending in `á` closed by `»` and a no-break space (`«Suratá»\u00a0…`, no `Ỡ`)', () => {
    expect(ENDING_IN_A_ACUTE.length).toBeGreaterThanOrEqual(10);
    fc.assert(
      fc.property(fc.constantFrom(...ENDING_IN_A_ACUTE), latin1Text, latin1Text, fc.constantFrom('\u00a0', ' '), (word, before, after, space) => {
        const s = `${before}${space}«${word}»\u00a0${after}`;
        expect(repairEncoding(s)).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('property: correct words beside mojibake through Windows-1252 stay', () => {
  // Windows-1258 shows the byte C3 as `Ă`: alone before a letter, a lead byte whose second
  // byte was lost (`Ăn` as `Án`, C3 81). Beside mojibake through Windows-1252, which shows C3
  // as `Ã`, it is the letter: a line joined from a correct piece and a broken one.
  // Every syllable the model knows that writes `ă` without a tone mark on it, in capitals;
  // and in title case those that start with it (`Ăn`, `NĂM`).
  const CAPITAL_A_BREVE = allSyllables()
    .filter((s) => s.includes('ă') && model.has(s))
    .flatMap((s) => (s.startsWith('ă') ? ['Ă' + s.slice(1), s.toUpperCase()] : [s.toUpperCase()]));
  it('a word with `Ă` before a line of mojibake', () => {
    expect(CAPITAL_A_BREVE.length).toBeGreaterThanOrEqual(50);
    fc.assert(
      fc.property(fc.constantFrom(...CAPITAL_A_BREVE), sentence, (head, rest) => {
        // (Lines whose mojibake alone reads otherwise are other tests' business: `‘NÃ’` is also `‘NÒ`.)
        fc.pre(repairEncoding(mojibake(rest)) === rest);
        expect(repairEncoding(`${head} ${mojibake(rest)}`)).toBe(`${head} ${rest}`);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('mojibake found in the wild', () => {
  const rows: Array<[string, string]> = [
    ['HÃ  Ná»™i', 'Hà Nội'],
    ['HÃ Ná»™i', 'Hà Nội'],
    ['KÃch thÆ°á»›c', 'Kích thước'],
    ['thá»a thuáºn', 'thỏa thuận'],
    ['Ãi', 'Ái'],
    ['áº¥yâ€.', 'ấy”.'],
    ['Tráº\u00adn Ä‘áº¥u á»Ÿ MÃ¼nchen káº¿t thÃºc 2-1.', 'Trận đấu ở München kết thúc 2-1.'],
    ['SeÃ±or LÃ³pez nÃ³i tiáº¿ng TÃ¢y Ban Nha.', 'Señor López nói tiếng Tây Ban Nha.'],
    ['Ã”ng FranÃ§ois Hollande phÃ¡t biá»ƒu táº¡i Paris.', 'Ông François Hollande phát biểu tại Paris.'],
    ['He moved to MÃ¼nchen in 2019.', 'He moved to München in 2019.'],
  ];
  for (const [input, want] of rows) {
    it(`repairs ${JSON.stringify(input)}`, () => {
      expect(repairEncoding(input)).toBe(want);
    });
  }

  const latin1 = [
    'Order a CAFÉ® card today',
    'the JOSÉ’s taco stand',
    'ask for the PURÉ™ line',
    'Welcome to CAFÉ… and more',
    'ALLÉ\u00a0STREET parking',
    'the price is 12×… per box',
  ];
  for (const line of latin1) {
    it(`leaves Latin-1 text alone: ${JSON.stringify(line)}`, () => {
      expect(repairEncoding(line)).toBe(line);
      expect(repairEncoding(`Tiếng Việt: ${line}`)).toBe(`Tiếng Việt: ${line}`);
    });
  }
});

describe('the result of one pass is settled', () => {
  const cases: Array<[string, boolean]> = [
    ['ãâ€œ¬', false],
    ['Óâ€œ', false],
    ['&#7871;áº¿', true],
    ['Ti&#7871;ng Viá»‡t', true],
  ];
  for (const [input, htmlEntities] of cases) {
    it(`fix(fix(${JSON.stringify(input)})) === fix(${JSON.stringify(input)})`, () => {
      const once = fix(input, { htmlEntities }).text;
      expect(fix(once, { htmlEntities }).text).toBe(once);
    });
  }

  it('holds for damaged text of every kind above', () => {
    fc.assert(
      fc.property(sentence, fc.constantFrom(...LOSSES), (s, [, , loss]) => {
        const once = repairEncoding(loss(mojibake(s)));
        expect(repairEncoding(once)).toBe(once);
      }),
      { numRuns: RUNS },
    );
  });
});
