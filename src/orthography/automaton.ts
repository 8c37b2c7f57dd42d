/**
 * A minimal deterministic automaton that accepts exactly the valid syllables, in any letter
 * case. A scanner can step it one code unit at a time while it looks for word boundaries, so
 * testing every word of a line costs one table read per character: no substring, no hashing,
 * no `toLowerCase`.
 *
 * The automaton is built from the generated syllable inventory ({@link buildAutomaton}), stored
 * in canonical form in `automaton-data.ts` so that validity checks cost nothing at start-up
 * ({@link loadAutomaton}); a test rebuilds it from the rules and compares.
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

/**
 * An automaton in canonical, serialisable form: states numbered from {@link START} in
 * breadth-first order (letters in order), 0 the dead state.
 */
export interface AutomatonData {
  /** The lower-case letters; letter number k is `letters[k - 1]`. */
  letters: string;
  /** The accepting states. */
  accepting: readonly number[];
  /** `[state, letter, next, …]`: every transition to a live state. */
  transitions: readonly number[];
}

/** The state to start from. */
export const START = 1;

/** Builds the minimal automaton accepting exactly `forms` (lower case), in canonical form. */
export function buildAutomaton(forms: readonly string[]): AutomatonData {
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

  // Canonical numbering: breadth-first from the start, letters in order.
  const letters: string[] = [];
  for (let code = 0; code < LETTER_LIMIT; code++) {
    if (letterNumber[code] !== 0) letters[letterNumber[code] - 1] = String.fromCharCode(code);
  }
  const renumbered = new Int32Array(count);
  renumbered[START] = START;
  const queue = [START];
  const transitions: number[] = [];
  const acceptingStates: number[] = [];
  for (let q = 0; q < queue.length; q++) {
    const state = queue[q];
    if (accepting[state]) acceptingStates.push(renumbered[state]);
    for (let letter = 1; letter < width; letter++) {
      const target = next[state * width + letter];
      if (target === 0) continue;
      if (renumbered[target] === 0) {
        renumbered[target] = queue.length + START;
        queue.push(target);
      }
      transitions.push(renumbered[state], letter, renumbered[target]);
    }
  }
  return { letters: letters.join(''), accepting: acceptingStates, transitions };
}

/**
 * The lookup tables of an automaton. A code unit takes the number of its letter in lower
 * case, so upper and title case need no conversion.
 */
export function loadAutomaton(data: AutomatonData): SyllableAutomaton {
  const width = data.letters.length + 1;
  let count = START + 1;
  for (let k = 0; k < data.transitions.length; k += 3) {
    count = Math.max(count, data.transitions[k] + 1, data.transitions[k + 2] + 1);
  }
  const next = new Uint16Array(count * width);
  for (let k = 0; k < data.transitions.length; k += 3) {
    next[data.transitions[k] * width + data.transitions[k + 1]] = data.transitions[k + 2];
  }
  const accepting = new Uint8Array(count);
  for (const state of data.accepting) accepting[state] = 1;
  const letterOf = new Uint8Array(LETTER_LIMIT);
  for (let k = 0; k < data.letters.length; k++) {
    const lower = data.letters[k];
    const upper = lower.toUpperCase();
    letterOf[lower.charCodeAt(0)] = k + 1;
    if (upper.length === 1 && upper.charCodeAt(0) < LETTER_LIMIT) letterOf[upper.charCodeAt(0)] = k + 1;
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
