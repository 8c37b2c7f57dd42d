import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildStages, decode, encode, encodingStage, fix, runStages, SUPPORTED_ENCODINGS } from '../src/index.js';
import { allSyllables } from '../src/orthography/index.js';
import { CP1252 } from '../src/encoding/tables/single-byte.js';
import { asCp1252, asLatin1 } from './support/byte-views.js';


const utf8 = (s: string) => new TextEncoder().encode(s);
const mojibake = (s: string) => asCp1252(utf8(s));

/** The damage each legacy encoding does when its bytes are shown as Windows-1252. */
function legacyView(s: string, encoding: string): string {
  const bytes = encode(s, encoding);
  if (!bytes) throw new Error(`cannot encode in ${encoding}: ${s}`);
  return encoding === 'viqr' ? new TextDecoder().decode(bytes) : asCp1252(bytes);
}

/** The encoding stage alone (the later stages have their own tests). */
const repairEncoding = (s: string, htmlEntities = false) => runStages(s, [encodingStage({ htmlEntities })]);
const repaired = (s: string) => repairEncoding(s).text;

// Sentences written for these tests.
const SENTENCES = [
  'Tiếng Việt là ngôn ngữ chính thức của nước Việt Nam.',
  'Người dân ở Đà Nẵng đã được hướng dẫn cách phòng chống bão lụt.',
  'Chúng tôi sẽ tiếp tục nghiên cứu những vấn đề quan trọng này trong năm tới.',
  'Hội nghị đã thảo luận về kế hoạch phát triển kinh tế của thành phố.',
];

const VOWELS = 'aăâeêioôơuưy';
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const LOWER_LETTERS = [...[...VOWELS].flatMap((v) => TONES.map((t) => (v + t).normalize('NFC'))), 'đ'];
const LETTERS = [...LOWER_LETTERS, ...LOWER_LETTERS.map((l) => l.toUpperCase())];

describe('character tables', () => {
  it('cover every Vietnamese letter in both cases', () => {
    expect(new Set(LETTERS).size).toBe(146);
  });

  for (const encoding of ['windows-1258', 'viscii', 'tcvn3', 'vni', 'vps', 'viqr']) {
    it(`round-trip every letter through ${encoding} (documented losses only)`, () => {
      const lost: string[] = [];
      for (const letter of LETTERS) {
        const bytes = encode(letter, encoding);
        const back = bytes && decode(bytes, { encoding }).text;
        if (back !== letter) lost.push(letter);
      }
      if (encoding === 'tcvn3') {
        // TCVN3 (ABC) has no capitals with a tone mark: they come back in lower case.
        const toned = LETTERS.filter((l) => l !== l.toLowerCase() && /[\u0300\u0301\u0303\u0309\u0323]/.test(l.normalize('NFD')));
        expect(lost).toEqual(toned);
        for (const l of lost) expect(decode(encode(l, 'tcvn3') as Uint8Array, { encoding: 'tcvn3' }).text).toBe(l.toLowerCase());
      } else if (encoding === 'vps') {
        // VPS has no code for Ỗ (GNU recode's table leaves it out).
        expect(lost).toEqual(['Ỗ']);
      } else {
        expect(lost).toEqual([]);
      }
    });
  }

  it('agree with the Windows-1252 definition of the undefined bytes', () => {
    for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) expect(CP1252.charCodeAt(b)).toBe(b);
    expect(CP1252[0x80]).toBe('€');
    expect(CP1252[0x9c]).toBe('œ');
  });

  it('list the supported encodings', () => {
    expect(SUPPORTED_ENCODINGS).toEqual(expect.arrayContaining(['utf-8', 'windows-1258', 'viscii', 'tcvn3', 'vni', 'vps']));
  });
});

describe('decode()', () => {
  const text = SENTENCES[1];

  it('reads UTF-8, with and without a BOM', () => {
    expect(decode(utf8(text))).toEqual({ text, encoding: 'utf-8', confidence: 1 });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
    expect(decode(bom)).toEqual({ text, encoding: 'utf-8', confidence: 1 });
  });

  it('reads UTF-16 by its BOM', () => {
    for (const encoding of ['utf-16le', 'utf-16be']) {
      const body = encode(text, encoding) as Uint8Array;
      const bom = encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
      expect(decode(new Uint8Array([...bom, ...body]))).toEqual({ text, encoding, confidence: 1 });
    }
  });

  for (const encoding of ['windows-1258', 'viscii', 'tcvn3', 'vni', 'vps']) {
    it(`detects ${encoding}`, () => {
      const source = SENTENCES.join(' ');
      const result = decode(encode(source, encoding) as Uint8Array);
      expect(result.encoding).toBe(encoding);
      expect(result.confidence).toBeGreaterThan(0.7);
      // TCVN3 writes capitals with tone marks in lower case; the sentences have none.
      expect(result.text).toBe(source);
    });
  }

  it('never replaces invalid UTF-8 silently: undecodable bytes get a low confidence', () => {
    const noise = new Uint8Array([0xff, 0xfe, 0x00, 0x9f, 0xc3, 0x28, 0xa0, 0xa1, 0xf5, 0x80].slice(2));
    const result = decode(noise);
    expect(result.text).not.toContain('\ufffd');
    expect(result.confidence).toBeLessThan(0.5);
  });

  it('uses a forced encoding', () => {
    const bytes = encode('Tiếng Việt', 'tcvn3') as Uint8Array;
    expect(decode(bytes, { encoding: 'TCVN3' })).toEqual({ text: 'Tiếng Việt', encoding: 'tcvn3', confidence: 1 });
    expect(decode(bytes, { encoding: 'cp1252' }).text).toBe(asCp1252(bytes));
    expect(() => decode(bytes, { encoding: 'klingon' })).toThrow(RangeError);
  });
});

describe('encoding stage: mojibake', () => {
  const source = SENTENCES[0];

  it('undoes UTF-8 read as Windows-1252, with an explained edit', () => {
    const damaged = mojibake(source);
    const result = repairEncoding(damaged);
    expect(result.text).toBe(source);
    expect(result.edits.length).toBeGreaterThan(0);
    for (const e of result.edits) {
      expect(e.kind).toBe('mojibake');
      expect(e.detail).toBe('utf8-as-cp1252');
      expect(damaged.slice(e.start, e.end)).toBe(e.before);
    }
  });

  it('undoes UTF-8 read as Latin-1 (C1 controls) and as Windows-1258', () => {
    const latin1 = repairEncoding(asLatin1(utf8(source)));
    expect(latin1.text).toBe(source);
    expect(latin1.edits.some((e) => e.detail === 'utf8-as-latin1')).toBe(true);
    const cp1258 = legacyViewOfUtf8(source);
    expect(repaired(cp1258)).toBe(source);
  });

  it('undoes double encoding', () => {
    const twice = mojibake(mojibake(source));
    const result = repairEncoding(twice);
    expect(result.text).toBe(source);
    expect(result.edits.some((e) => e.detail === 'utf8-as-cp1252-twice')).toBe(true);
  });

  it('restores the bytes Windows-1252 drops, choosing by spelling and frequency', () => {
    const lost = (s: string) => mojibake(s).replace(/[\u0081\u008d\u008f\u0090\u009d]/g, '');
    expect(lost('người về nhà')).not.toBe(mojibake('người về nhà'));
    expect(repaired(lost('Những người về nhà đều mệt.'))).toBe('Những người về nhà đều mệt.');
    expect(repaired(lost('Đề nghị của HĐQT được thông qua.'))).toBe('Đề nghị của HĐQT được thông qua.');
    // `tá»a` is `tọa` or `tỏa`: the neighbours (language model) decide.
    expect(repaired(lost('Những ngôi sao đều tỏa sáng.'))).toBe('Những ngôi sao đều tỏa sáng.');
    expect(repaired(lost('Hệ tọa độ của điểm này.'))).toBe('Hệ tọa độ của điểm này.');
  });

  it('fixes a damaged run inside a clean line and leaves the rest alone', () => {
    const clean = 'Theo báo cáo mới nhất,';
    const damaged = `${clean} ${mojibake('người dân cần được hỗ trợ')} ngay lập tức.`;
    const result = repairEncoding(damaged);
    expect(result.text).toBe(`${clean} người dân cần được hỗ trợ ngay lập tức.`);
    for (const e of result.edits) expect(e.start).toBeGreaterThan(clean.length);
  });
});

/** UTF-8 bytes shown as Windows-1258. */
function legacyViewOfUtf8(s: string): string {
  return new TextDecoder('windows-1258').decode(utf8(s));
}

describe('encoding stage: legacy fonts and VIQR', () => {
  const source = SENTENCES[2];
  const cases: Array<[string, string]> = [
    ['tcvn3', 'tcvn3'],
    ['vni', 'vni'],
    ['viscii', 'viscii'],
    ['vps', 'vps'],
    ['windows-1258', 'cp1258'],
    ['viqr', 'viqr'],
  ];
  for (const [encoding, detail] of cases) {
    it(`undoes ${encoding}`, () => {
      const damaged = legacyView(source, encoding);
      expect(damaged).not.toBe(source);
      const result = repairEncoding(damaged);
      expect(result.text).toBe(source);
      for (const e of result.edits) {
        expect(e.kind).toBe('legacy-encoding');
        expect(e.detail).toBe(detail);
      }
    });
  }

  it('gives TCVN3 capitals back at the start of a sentence and in all-capital words', () => {
    const source = 'Ở đây có nhiều người. Ấy là VIỆT NAM.';
    const damaged = legacyView(source, 'tcvn3');
    expect(damaged).toContain('ë'); // Ở was written with the code of ở
    expect(repaired(damaged)).toBe(source);
  });

  it('reads VIQR escapes as punctuation', () => {
    expect(repaired('Ho^m nay tro+`i dde.p. Chu\'ng to^i ddi cho+i\\.')).toBe('Hôm nay trời đẹp. Chúng tôi đi chơi.');
  });

  it('leaves English apostrophes, URLs and code alone in VIQR text', () => {
    const line = "Tie^'ng Vie^.t va` English: don't, rock'n'roll, http://example.com/a?b=c, f(x)^2.";
    expect(repaired(line)).toBe("Tiếng Việt và English: don't, rock'n'roll, http://example.com/a?b=c, f(x)^2.");
  });
});

describe('encoding stage: clean text stays', () => {
  const clean = [
    ...SENTENCES,
    'Un café au lait, s’il vous plaît — à bientôt, naïve Zoë!',
    'Herr Müller aus Köln fährt über die Straße nach Düsseldorf.',
    'São Paulo, João e Conceição; señor Peña in España.',
    'Ðórður og Guðrún búa á Íslandi; Þingvellir er fallegur staður.',
    '« Bonjour », dit-elle. 30°C, 5 µm, © 2024, § 3, ½ kg, ±2%.',
    "I'm sure you're right: don't do it, it's rock'n'roll. What? a+b=c, x^2, f(a).",
    'NGÃ BA HUẾ, ĐÀ NẴNG; Ô MÔN; “Ông già” – Ủy ban.',
    'Giá 1.000.000 đồng/m² (≈ 40 USD), tỷ lệ 3,5‰.',
    // Windows-1258 would read `uò` as `ụ`: syllables nobody writes are no evidence of it.
    'Può può di di di di.',
  ];
  for (const line of clean) {
    it(`leaves alone: ${line.slice(0, 40)}`, () => {
      const result = repairEncoding(line);
      expect(result.edits).toEqual([]);
      expect(result.text).toBe(line);
    });
  }

  it('lets clean Vietnamese through the prefilter', () => {
    const stage = encodingStage({});
    for (const s of SENTENCES) expect(stage.mayApply?.(s)).toBe(false);
  });
});

describe('fix() options', () => {
  it('run encoding repair first, and not at all with encoding: false', () => {
    // The other stages are switched off: they have their own tests.
    const only = { unicode: false, repair: false } as const;
    const damaged = mojibake(SENTENCES[3]);
    expect(fix(damaged, only).text).toBe(SENTENCES[3]);
    expect(fix(damaged, only).edits.every((e) => e.kind === 'mojibake')).toBe(true);
    expect(fix(damaged, { ...only, encoding: false }).edits).toEqual([]);
    expect(fix('Ti&#7871;ng', { ...only, htmlEntities: true }).text).toBe('Tiếng');
    expect(buildStages()[0].name).toBe('encoding');
  });
});

describe('HTML character references', () => {
  it('are decoded only when asked, and only for letters', () => {
    const line = 'Ti&#7871;ng Vi&#x1EC7;t &amp; ng&ocirc;n ng&#7919; &lt;b&gt;';
    expect(repairEncoding(line).text).toBe(line);
    const result = repairEncoding(line, true);
    expect(result.text).toBe('Tiếng Việt &amp; ngôn ngữ &lt;b&gt;');
    expect(result.edits.every((e) => e.detail === 'html-entity')).toBe(true);
  });
});

describe('property: damage then repair gives the sentence back', () => {
  // Syllables of two letters or more with a letter outside ASCII: each carries evidence of the
  // damage. (A sentence of one-letter words such as `à à à` is ambiguous for any reader.)
  const pool = allSyllables().filter((s) => s.length >= 2 && /[^a-z]/.test(s));
  const sentence = fc
    .array(fc.constantFrom(...pool), { minLength: 6, maxLength: 12 })
    .map((words) => {
      const s = words.join(' ');
      return s[0].toUpperCase() + s.slice(1) + '.';
    });
  const damages: Array<[string, (s: string) => string]> = [
    ['utf8-as-cp1252', mojibake],
    ['utf8-as-latin1', (s) => asLatin1(utf8(s))],
    ['utf8-as-cp1252-twice', (s) => mojibake(mojibake(s))],
    ['tcvn3', (s) => legacyView(s, 'tcvn3')],
    ['vni', (s) => legacyView(s, 'vni')],
    ['viscii', (s) => legacyView(s, 'viscii')],
    ['windows-1258', (s) => legacyView(s, 'windows-1258')],
    ['vps', (s) => legacyView(s, 'vps')],
    ['viqr', (s) => legacyView(s, 'viqr')],
  ];
  for (const [name, damage] of damages) {
    it(name, () => {
      fc.assert(
        fc.property(sentence, (s) => {
          // Evidence: at least three words must look different once damaged (VISCII and VPS
          // keep many letters at their Latin-1 places, so some sentences show no damage at all).
          if (name === 'vps') fc.pre(!s.includes('Ỗ')); // VPS has no code for it
          // VPS is tried last, so a short sentence that another encoding reads as well goes to that
          // one: it needs more evidence.
          const changed = s.split(' ').filter((w) => damage(w) !== w).length;
          fc.pre(changed >= (name === 'vps' ? 8 : 3));
          // TCVN3 is read only where its commonest signs show (ă â ê ô ơ ư đ, a with a tone).
          if (name === 'tcvn3') fc.pre(/[\u00a8-\u00ae\u00b5-\u00bf]/.test(damage(s)));
          // TCVN3 cannot write a capital with a tone mark; the stage restores it at a sentence start.
          expect(repaired(damage(s))).toBe(s);
        }),
        // A fixed seed keeps the suite deterministic; change it to explore other sentences.
        { numRuns: 150, seed: 20240601 },
      );
    });
  }
});
