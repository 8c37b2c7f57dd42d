/**
 * Counts of n-grams of unit ids in one open-addressing hash table of typed arrays: no JS object
 * per n-gram, so the whole training corpus (18 M syllables, ~10 M distinct trigrams) fits in a
 * few hundred megabytes. Keys are `order` u32 ids stored side by side; a count of 0 marks an
 * empty slot.
 */
export class NgramTable {
  private keys: Uint32Array;
  private counts: Uint32Array;
  private mask: number;
  /** Distinct n-grams stored. */
  size = 0;

  constructor(
    readonly order: number,
    initialBits = 16,
  ) {
    this.keys = new Uint32Array((1 << initialBits) * order);
    this.counts = new Uint32Array(1 << initialBits);
    this.mask = (1 << initialBits) - 1;
  }

  /** Adds `by` to the count of the n-gram `ids[end - order .. end)`. */
  add(ids: ArrayLike<number>, end: number, by = 1): void {
    if (this.size * 2 >= this.counts.length) this.grow();
    const slot = this.find(ids, end);
    if (this.counts[slot] === 0) {
      const base = slot * this.order;
      for (let k = 0; k < this.order; k++) this.keys[base + k] = ids[end - this.order + k];
      this.size++;
    }
    this.counts[slot] += by;
  }

  /** The count of the n-gram `ids[end - order .. end)`, 0 if unseen. */
  get(ids: ArrayLike<number>, end: number): number {
    return this.counts[this.find(ids, end)];
  }

  /** Calls `visit` with the key array, the offset of each stored n-gram in it, and its count. */
  forEach(visit: (keys: Uint32Array, offset: number, count: number) => void): void {
    for (let slot = 0; slot < this.counts.length; slot++) {
      if (this.counts[slot] !== 0) visit(this.keys, slot * this.order, this.counts[slot]);
    }
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.keys.byteLength + this.counts.byteLength;
  }

  /** The slot holding the n-gram, or the empty slot where it would go (linear probing). */
  private find(ids: ArrayLike<number>, end: number): number {
    const order = this.order;
    let h = 0x811c9dc5;
    for (let k = end - order; k < end; k++) h = Math.imul(h ^ ids[k], 0x01000193) ^ (h >>> 15);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h ^= h >>> 13;
    let slot = h & this.mask;
    for (;;) {
      if (this.counts[slot] === 0) return slot;
      const base = slot * order;
      let same = true;
      for (let k = 0; k < order; k++) {
        if (this.keys[base + k] !== ids[end - order + k]) {
          same = false;
          break;
        }
      }
      if (same) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    const capacity = oldCounts.length * 2;
    this.keys = new Uint32Array(capacity * this.order);
    this.counts = new Uint32Array(capacity);
    this.mask = capacity - 1;
    const key = new Uint32Array(this.order);
    for (let slot = 0; slot < oldCounts.length; slot++) {
      if (oldCounts[slot] === 0) continue;
      for (let k = 0; k < this.order; k++) key[k] = oldKeys[slot * this.order + k];
      const to = this.find(key, this.order);
      this.keys.set(key, to * this.order);
      this.counts[to] = oldCounts[slot];
    }
  }
}
