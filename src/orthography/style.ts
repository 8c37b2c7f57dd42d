/** Tone placement style (`hòa` / `hoà`) across a text. */
import { copyCaseByPosition } from './case.js';
import { composeSyllable, parseSyllable, type ToneStyle } from './syllable.js';

/** Whether the tone of these parts sits in a different place in the two styles. */
function styleDependent(p: { initial: string; medial: string; nucleus: string; final: string; tone: number }): boolean {
  return (
    p.tone !== 0 &&
    p.medial !== '' &&
    p.initial !== 'qu' &&
    p.final === '' &&
    (p.nucleus === 'a' || p.nucleus === 'e' || p.nucleus === 'y')
  );
}

const LETTER_RUN = /\p{L}+/gu;

/**
 * `text` with the tone of every open `oa`, `oe`, `uy` syllable placed in `style`
 * (old `hòa`, `khỏe`, `thủy`; new `hoà`, `khoẻ`, `thuỷ`). Case is kept; every other
 * character, including words that are not valid syllables, is left as it is.
 *
 * @example
 * setToneStyle('Hòa bình, THỦY lợi', 'new'); // 'Hoà bình, THUỶ lợi'
 */
export function setToneStyle(text: string, style: ToneStyle): string {
  return text.replace(LETTER_RUN, (word) => {
    if (word.length < 2 || word.length > 5) return word;
    const p = parseSyllable(word);
    if (p === undefined || !styleDependent(p)) return word;
    return copyCaseByPosition(word, composeSyllable(p, style));
  });
}
