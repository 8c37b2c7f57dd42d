/**
 * A minimal deterministic automaton that accepts exactly the valid syllables, in any letter
 * case. A scanner can step it one code unit at a time while it looks for word boundaries, so
 * testing every word of a line costs one table read per character: no substring, no hashing,
 * no `toLowerCase`.
 */

/** Letters of valid syllables all lie below this code point (Latin Extended Additional ends at U+1EFF). */
export const LETTER_LIMIT = 0x1f00;

export interface SyllableAutomaton {
  /** Code unit (below {@link LETTER_LIMIT}, any case) → letter number 1…width-1; 0 = no syllable has it. */
  readonly letterOf: Uint8Array;
  /** `next[state * width + letter]`: the next state; state 0 is the dead state. */
  readonly next: Uint16Array;
  readonly width: number;
  /** The state to start from ({@link START}). */
  readonly start: number;
  /** 1 where the state ends a valid syllable. */
  readonly accepting: Uint8Array;
}

/** Upper-case and title-case letters. */
const LOWER_BEFORE = /\p{Lu}|\p{Lt}/u;

/** The state to start from. */
export const START = 1;

/** Builds the minimal automaton accepting `forms` (lower case) in any letter case. */
export function buildAutomaton(forms: readonly string[]): SyllableAutomaton {
  // Letters used by the forms, numbered from 1.
  const letterNumber = new Uint8Array(LETTER_LIMIT);
  let width = 1;
  let chars = 0;
  for (const w of forms) {
    chars += w.length;
    for (let k = 0; k < w.length; k++) {
      const code = w.charCodeAt(k);
      if (code >= LETTER_LIMIT) throw new RangeError(`not a syllable letter: ${w}`);
      if (letterNumber[code] === 0) letterNumber[code] = width++;
    }
  }

  // A trie in flat arrays; each node's children are a list kept in letter order. A node is
  // always created after its parent, so children have the higher numbers.
  const capacity = chars + 1;
  const letterIn = new Uint16Array(capacity); // letter on the edge into the node
  const firstChild = new Int32Array(capacity).fill(-1);
  const nextSibling = new Int32Array(capacity).fill(-1);
  const accept = new Uint8Array(capacity);
  let nodes = 1; // node 0 is the root
  for (const w of forms) {
    let node = 0;
    for (let k = 0; k < w.length; k++) {
      const letter = letterNumber[w.charCodeAt(k)];
      let before = -1;
      let c = firstChild[node];
      while (c >= 0 && letterIn[c] < letter) {
        before = c;
        c = nextSibling[c];
      }
      if (c < 0 || letterIn[c] !== letter) {
        const created = nodes++;
        letterIn[created] = letter;
        nextSibling[created] = c;
        if (before < 0) firstChild[node] = created;
        else nextSibling[before] = created;
        c = created;
      }
      node = c;
    }
    accept[node] = 1;
  }

  // Merge equivalent subtrees: two nodes are one state when they accept alike and their
  // children are the same states under the same letters. Children have higher numbers than
  // their parent, so walking the nodes backwards sees every child first. The root is always
  // state START (state 0 is the dead state).
  const stateOf = new Int32Array(nodes);
  const stateBySignature = new Map<string, number>();
  const representative: number[] = [0, 0]; // state → one node with that state
  for (let node = nodes - 1; node >= 1; node--) {
    // Letters and states are below 0x10000, so one code unit each spells the signature.
    let signature = accept[node] ? '1' : '0';
    for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) signature += String.fromCharCode(letterIn[c], stateOf[c]);
    let state = stateBySignature.get(signature);
    if (state === undefined) {
      state = representative.length;
      if (state > 0xffff) throw new RangeError('automaton too large for one-unit state numbers');
      stateBySignature.set(signature, state);
      representative.push(node);
    }
    stateOf[node] = state;
  }
  stateOf[0] = START;
  representative[START] = 0;
  const count = representative.length;
  const next = new Uint16Array(count * width);
  const accepting = new Uint8Array(count);
  for (let state = START; state < count; state++) {
    const node = representative[state];
    if (accept[node]) accepting[state] = 1;
    for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) next[state * width + letterIn[c]] = stateOf[c];
  }

  // Any case: a code unit takes the letter number of its lower case.
  const letterOf = new Uint8Array(LETTER_LIMIT);
  for (let code = 0; code < LETTER_LIMIT; code++) {
    letterOf[code] = letterNumber[code];
    if (letterOf[code] === 0 && LOWER_BEFORE.test(String.fromCharCode(code))) {
      const lower = String.fromCharCode(code).toLowerCase();
      if (lower.length === 1 && lower.charCodeAt(0) < LETTER_LIMIT) letterOf[code] = letterNumber[lower.charCodeAt(0)];
    }
  }
  return { letterOf, next, width, start: START, accepting };
}

/** Whether the automaton accepts `s.slice(start, end)`. */
export function accepts(a: SyllableAutomaton, s: string, start: number, end: number): boolean {
  let state = START;
  for (let k = start; k < end; k++) {
    const code = s.charCodeAt(k);
    if (code >= LETTER_LIMIT) return false;
    state = a.next[state * a.width + a.letterOf[code]];
    if (state === 0) return false;
  }
  return a.accepting[state] === 1;
}
