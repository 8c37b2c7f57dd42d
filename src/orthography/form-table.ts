/**
 * An open-addressing hash table from lower-case syllable forms to numbers, probed directly
 * with a span of any string in any letter case: no substring, no `toLowerCase`, no allocation.
 * Validity checks run on every word of every line, so this is the hot path of the library.
 */

/** Letters of valid syllables all lie below this code point (Latin Extended Additional ends at U+1EFF). */
const LETTER_LIMIT = 0x1f00;

/** Lower-case of each code unit below {@link LETTER_LIMIT}; 0 where it has no one-unit lower case. */
const lowerOf = new Uint16Array(LETTER_LIMIT);
for (let code = 0; code < LETTER_LIMIT; code++) {
  const lower = String.fromCharCode(code).toLowerCase();
  lowerOf[code] = lower.length === 1 ? lower.charCodeAt(0) : 0;
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

export class FormTable {
  /** Slot → entry index + 1 (0 = empty). */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** The code units of every form, one after another. */
  private readonly pool: Uint16Array;
  private readonly starts: Int32Array;
  private readonly lengths: Uint8Array;
  private readonly values: Int32Array;
  /** Longest form: longer spans are rejected before hashing. */
  readonly maxLength: number;

  /** `entries`: distinct lower-case forms and their values (non-negative). */
  constructor(entries: ReadonlyArray<readonly [string, number]>) {
    let size = 1;
    while (size < entries.length * 2) size <<= 1;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    let total = 0;
    let maxLength = 0;
    for (const [form] of entries) {
      total += form.length;
      maxLength = Math.max(maxLength, form.length);
    }
    this.maxLength = maxLength;
    this.pool = new Uint16Array(total);
    this.starts = new Int32Array(entries.length);
    this.lengths = new Uint8Array(entries.length);
    this.values = new Int32Array(entries.length);
    let at = 0;
    entries.forEach(([form, value], index) => {
      let h = 0;
      for (let k = 0; k < form.length; k++) {
        this.pool[at + k] = form.charCodeAt(k);
        h = (Math.imul(h, 31) + form.charCodeAt(k)) | 0;
      }
      this.starts[index] = at;
      this.lengths[index] = form.length;
      this.values[index] = value;
      at += form.length;
      let slot = mix(h) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = index + 1;
    });
  }

  /** The value of `s.slice(start, end)` read in lower case, or -1 when it is not a form. */
  get(s: string, start: number, end: number): number {
    const length = end - start;
    if (length <= 0 || length > this.maxLength) return -1;
    let h = 0;
    for (let k = start; k < end; k++) {
      const code = s.charCodeAt(k);
      if (code >= LETTER_LIMIT) return -1;
      h = (Math.imul(h, 31) + lowerOf[code]) | 0;
    }
    let slot = mix(h) & this.mask;
    for (;;) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      const index = entry - 1;
      if (this.lengths[index] === length && this.matches(index, s, start)) return this.values[index];
      slot = (slot + 1) & this.mask;
    }
  }

  private matches(index: number, s: string, start: number): boolean {
    const at = this.starts[index];
    for (let k = 0; k < this.lengths[index]; k++) {
      if (this.pool[at + k] !== lowerOf[s.charCodeAt(start + k)]) return false;
    }
    return true;
  }
}
