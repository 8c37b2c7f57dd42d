import type { Edit, StageEdit } from './types.js';

/**
 * A piece of the current text: either untouched input (no `edit`, `text` equals
 * `input.slice(start, end)`) or the result of edits that replaced input span [start, end).
 */
interface Segment {
  start: number;
  end: number;
  text: string;
  edit: EditInfo | undefined;
}

// Every segment and every edit info is made with all its fields, in one order, so that the
// code that reads them sees one object shape (V8 drops optimised code that meets another).
interface EditInfo {
  kind: Edit['kind'];
  confidence: number;
  detail: string | undefined;
}

/** A segment during one {@link EditTracker.apply}: `p`..`q` is its extent in the text before the stage. */
interface Placed extends Segment {
  p: number;
  q: number;
}

/**
 * Tracks the text as stages rewrite it, so that every edit can be reported in the
 * coordinates of the original input. Edits of a later stage that touch text an earlier
 * stage produced are merged with it into one edit over the union of their input spans.
 */
export class EditTracker {
  private segments: Segment[];
  private current: string;
  /**
   * The first stage's edits while no other stage has changed the text: they are the segments
   * (made only when a later stage needs them, {@link materialize}).
   */
  private first: readonly StageEdit[] | undefined;

  constructor(readonly input: string) {
    this.segments = input.length > 0 ? [{ start: 0, end: input.length, text: input, edit: undefined }] : [];
    this.current = input;
    this.first = undefined;
  }

  /** The text after every edit applied so far. */
  get text(): string {
    return this.current;
  }

  /** Applies one stage's edits (sorted, non-overlapping, in coordinates of {@link text}). */
  apply(stageEdits: readonly StageEdit[]): void {
    if (stageEdits.length === 0) return;
    if (this.first === undefined && this.segments.length === 1 && this.segments[0].edit === undefined) {
      // The text is still the input: the edits are in its coordinates, kept as they are.
      this.first = stageEdits;
      this.current = textWith(this.input, stageEdits);
      return;
    }
    this.materialize();
    const segs = this.place(stageEdits);
    const out: Segment[] = []; // built right to left
    let j = segs.length - 1;
    for (let k = stageEdits.length - 1; k >= 0; k--) {
      const e = stageEdits[k];
      while (j >= 0 && !overlaps(segs[j], e) && segs[j].p >= e.end) out.push(segs[j--]);
      let first = j;
      while (first >= 0 && overlaps(segs[first], e)) first--;
      first++;
      if (first > j) {
        // A pure insertion between two segments.
        const at = j >= 0 ? segs[j].end : 0;
        out.push({ start: at, end: at, text: e.after, edit: info(e) });
        continue;
      }
      const head = segs[first];
      const tail = segs[j];
      const prefix = this.current.slice(head.p, e.start);
      // The tail's text still starts with the unchanged text before it was cut by e.end.
      const suffix = e.end < tail.q ? tail.text.slice(e.end - tail.p) : '';
      let merged: EditInfo | undefined;
      for (let i = first; i <= j; i++) if (segs[i].edit) merged = merge(merged, segs[i].edit!);
      segs[first] = {
        start: head.start,
        end: tail.end,
        text: prefix + e.after + suffix,
        edit: merge(merged, info(e)),
        p: head.p,
        q: tail.q,
      };
      j = first;
    }
    while (j >= 0) out.push(segs[j--]);
    out.reverse();
    this.segments = this.coalesce(out);
    this.current = joinTexts(this.segments);
  }

  /**
   * The segments of the first stage's edits: the edits and the input between them (the same
   * segments the general merge gives, without cutting and re-joining the input at every edit).
   */
  private materialize(): void {
    const stageEdits = this.first;
    if (stageEdits === undefined) return;
    this.first = undefined;
    const input = this.input;
    const segments: Segment[] = [];
    let pos = 0;
    for (const e of stageEdits) {
      if (e.start > pos) segments.push({ start: pos, end: e.start, text: input.slice(pos, e.start), edit: undefined });
      segments.push({ start: e.start, end: e.end, text: e.after, edit: info(e) });
      pos = e.end;
    }
    if (pos < input.length) segments.push({ start: pos, end: input.length, text: input.slice(pos), edit: undefined });
    this.segments = segments;
  }

  /** Every change so far, in input coordinates. Segments whose text came back unchanged are dropped. */
  edits(): Edit[] {
    if (this.first !== undefined) return this.firstEdits(this.first);
    const result: Edit[] = [];
    for (const s of this.segments) {
      if (!s.edit || sameAsInput(this.input, s.start, s.end, s.text)) continue;
      const { kind, confidence, detail } = s.edit;
      const before = this.input.slice(s.start, s.end);
      // Made whole, with or without `detail`: adding it afterwards changes the object's shape.
      result.push(
        detail === undefined
          ? { start: s.start, end: s.end, before, after: s.text, kind, confidence }
          : { start: s.start, end: s.end, before, after: s.text, kind, confidence, detail },
      );
    }
    return result;
  }

  /** {@link edits} when only the first stage changed the text: read from its edits. */
  private firstEdits(list: readonly StageEdit[]): Edit[] {
    const input = this.input;
    const result: Edit[] = [];
    for (const e of list) {
      if (sameAsInput(input, e.start, e.end, e.after)) continue;
      const { start, end, after, kind, confidence, detail } = e;
      const before = input.slice(start, end);
      result.push(detail === undefined ? { start, end, before, after, kind, confidence } : { start, end, before, after, kind, confidence, detail });
    }
    return result;
  }

  /** Positions the segments in the current text, cutting untouched ones at every edit boundary. */
  private place(stageEdits: readonly StageEdit[]): Placed[] {
    const cuts: number[] = [];
    for (const e of stageEdits) cuts.push(e.start, e.end);
    const out: Placed[] = [];
    let p = 0;
    let c = 0;
    for (const s of this.segments) {
      const q = p + s.text.length;
      if (s.edit) {
        out.push({ start: s.start, end: s.end, text: s.text, edit: s.edit, p, q });
      } else {
        while (c < cuts.length && cuts[c] <= p) c++;
        let from = p;
        while (c < cuts.length && cuts[c] < q) {
          const at = cuts[c++];
          if (at === from) continue;
          out.push({ start: s.start + (from - p), end: s.start + (at - p), text: s.text.slice(from - p, at - p), edit: undefined, p: from, q: at });
          from = at;
        }
        out.push({ start: s.start + (from - p), end: s.end, text: s.text.slice(from - p), edit: undefined, p: from, q });
      }
      p = q;
    }
    return out;
  }

  /** Joins neighbouring untouched segments so the list stays short. */
  private coalesce(segs: Segment[]): Segment[] {
    const out: Segment[] = [];
    for (const { start, end, text, edit } of segs) {
      const prev = out[out.length - 1];
      if (!edit && prev && !prev.edit) {
        out[out.length - 1] = { start: prev.start, end, text: this.input.slice(prev.start, end), edit: undefined };
      } else {
        out.push({ start, end, text, edit });
      }
    }
    return out;
  }
}

/** Does stage edit `e` touch segment `s` (extent p..q before the stage)? */
function overlaps(s: Placed, e: StageEdit): boolean {
  if (s.q > s.p) {
    if (e.end > e.start) return s.p < e.end && s.q > e.start;
    return s.edit !== undefined && s.p < e.start && e.start < s.q;
  }
  return e.start < s.p && s.p < e.end;
}

/** Whether `text` is `input.slice(start, end)`, compared in place. */
function sameAsInput(input: string, start: number, end: number, text: string): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== input.charCodeAt(start + i)) return false;
  return true;
}

/** `input` with edits in its coordinates applied, as one flat string (see {@link joinTexts}). */
function textWith(input: string, edits: readonly StageEdit[]): string {
  const parts = new Array<string>(2 * edits.length + 1);
  let pos = 0;
  let i = 0;
  for (const e of edits) {
    parts[i++] = input.slice(pos, e.start);
    parts[i++] = e.after;
    pos = e.end;
  }
  parts[i] = input.slice(pos);
  return parts.join('');
}

/**
 * The texts of the segments joined into one flat string: a text concatenated piece by piece
 * would keep every piece (one per edit) alive as long as the repaired text lives.
 */
function joinTexts(segments: readonly Segment[]): string {
  const texts: string[] = new Array<string>(segments.length);
  for (let k = 0; k < segments.length; k++) texts[k] = segments[k].text;
  return texts.join('');
}

function info(e: StageEdit): EditInfo {
  return { kind: e.kind, confidence: e.confidence, detail: e.detail };
}

/** Two edits of the same span become one: the first stage names the kind, the weakest sets the confidence. */
function merge(earlier: EditInfo | undefined, later: EditInfo): EditInfo {
  if (!earlier) return later;
  const detail = earlier.detail ?? later.detail;
  const confidence = Math.min(earlier.confidence, later.confidence);
  return { kind: earlier.kind, confidence, detail };
}

/** Applies edits given in input coordinates to the input: the inverse check of {@link EditTracker}. */
export function applyEdits(input: string, edits: readonly Pick<Edit, 'start' | 'end' | 'after'>[]): string {
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += input.slice(pos, e.start) + e.after;
    pos = e.end;
  }
  return out + input.slice(pos);
}

/**
 * A stage's edits of `line`, settled: `first` (the stage's edits of the line), then the stage
 * run again (`again`) on its own result until it changes nothing, at most `rounds` more times.
 * A stage whose repairs change the evidence for its other repairs needs this to be idempotent;
 * nearly every line settles at once, and then `first` is returned as it is. A stage that goes
 * round a cycle (two readings each preferring the other) stops at the first text it comes back
 * to, from which the same cycle leads back to it: so a second run changes nothing either.
 */
export function settleEdits(line: string, first: StageEdit[], rounds: number, again: (text: string) => StageEdit[]): StageEdit[] {
  if (first.length === 0) return first;
  let text = applyEdits(line, first);
  let tracker: EditTracker | undefined;
  let seen: Map<string, StageEdit[]> | undefined;
  for (let round = 0; round < rounds; round++) {
    const more = again(text);
    if (more.length === 0) break;
    if (tracker === undefined) {
      tracker = new EditTracker(line);
      tracker.apply(first);
      seen = new Map([[line, []], [text, first]]);
    }
    tracker.apply(more);
    text = tracker.text;
    const back = seen!.get(text);
    if (back !== undefined) return back;
    seen!.set(text, trackedEdits(tracker));
  }
  return tracker === undefined ? first : trackedEdits(tracker);
}

function trackedEdits(tracker: EditTracker): StageEdit[] {
  return tracker.edits().map(({ start, end, after, kind, confidence, detail }) =>
    detail === undefined ? { start, end, after, kind, confidence } : { start, end, after, kind, confidence, detail },
  );
}
