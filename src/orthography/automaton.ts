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
  readonly next: Uint16Array | Uint32Array;
  readonly width: number;
  /** 1 where the state ends a valid syllable. */
  readonly accepting: Uint8Array;
}

/** The state to start from. */
export const START = 1;

interface TrieNode {
  children: Map<number, TrieNode>;
  accept: boolean;
  id: number;
}

/** Builds the minimal automaton accepting `forms` (lower case) in any letter case. */
export function buildAutomaton(forms: Iterable<string>): SyllableAutomaton {
  // Letters used by the forms, numbered from 1.
  const letterNumber = new Map<number, number>();
  const root: TrieNode = { children: new Map(), accept: false, id: 0 };
  for (const form of forms) {
    let node = root;
    for (let k = 0; k < form.length; k++) {
      const code = form.charCodeAt(k);
      let letter = letterNumber.get(code);
      if (letter === undefined) letterNumber.set(code, (letter = letterNumber.size + 1));
      let child = node.children.get(letter);
      if (child === undefined) node.children.set(letter, (child = { children: new Map(), accept: false, id: 0 }));
      node = child;
    }
    node.accept = true;
  }
  const width = letterNumber.size + 1;

  // Merge equivalent subtrees bottom-up: two nodes are one state when they accept alike and
  // their children are the same states under the same letters. The root is always state START
  // (state 0 is the dead state), the others are numbered from START + 1.
  const stateBySignature = new Map<string, number>();
  const states: TrieNode[] = [root];
  const assign = (node: TrieNode): number => {
    let signature = node.accept ? '1' : '0';
    const letters = [...node.children.keys()].sort((a, b) => a - b);
    for (const letter of letters) signature += ',' + letter + ':' + assign(node.children.get(letter)!);
    if (node === root) return (node.id = START);
    let id = stateBySignature.get(signature);
    if (id === undefined) {
      id = states.length + START;
      stateBySignature.set(signature, id);
      states.push(node);
    }
    return (node.id = id);
  };
  assign(root);
  const count = states.length + START;
  const next = count < 0x10000 ? new Uint16Array(count * width) : new Uint32Array(count * width);
  const accepting = new Uint8Array(count);
  for (const node of states) {
    if (node.accept) accepting[node.id] = 1;
    for (const [letter, child] of node.children) next[node.id * width + letter] = child.id;
  }

  const letterOf = new Uint8Array(LETTER_LIMIT);
  for (let code = 0; code < LETTER_LIMIT; code++) {
    const lower = String.fromCharCode(code).toLowerCase();
    if (lower.length === 1) letterOf[code] = letterNumber.get(lower.charCodeAt(0)) ?? 0;
  }
  return { letterOf, next, width, accepting };
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
