/** The library's `fix`, prepared once per thread and adapted to what files contain. */
import { applyEdits } from '../edits.js';
import { buildStages, runStages, wouldChange, type FixOptions } from '../fix.js';
import type { Stage } from '../stage.js';
import type { Edit, FixResult } from '../types.js';

/** Repair settings that travel to worker threads (plain data only). */
export interface RepairSettings {
  fix: FixOptions;
  /** Edits below this confidence are left out (applied here, on the library's edits). */
  minConfidence?: number;
}

/**
 * Repairs text with stages built once (the model loads lazily on first use, once per thread).
 * Carriage returns of `\r\n` line ends are kept out of the stages' sight and put back after.
 */
export class Repairer {
  private readonly stages: Stage[];

  constructor(private readonly settings: RepairSettings) {
    this.stages = buildStages(settings.fix);
  }

  /** Repairs `text` (any number of lines); edits are in `text` coordinates. */
  repair(text: string): FixResult {
    const result = text.includes('\r') ? this.repairCrlf(text) : runStages(text, this.stages);
    const min = this.settings.minConfidence;
    if (min === undefined || result.edits.every((e) => e.confidence >= min)) return result;
    const kept = result.edits.filter((e) => e.confidence >= min);
    return kept.length === 0 ? { text, edits: [] } : { text: applyEdits(text, kept), edits: kept };
  }

  /**
   * Whether {@link repair} would change `text`, found faster: it stops at the first line with
   * a change. (A `\r` before `\n` is left out of each line's sight, as in `repair`.)
   */
  wouldChange(text: string): boolean {
    const stripped = text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text;
    return wouldChange(stripped, this.stages, this.settings.minConfidence);
  }

  /** Runs the stages on the text with `\r` removed before each `\n`, then maps everything back. */
  private repairCrlf(text: string): FixResult {
    const lines = text.split('\n');
    const hadCr: boolean[] = [];
    const removedAt: number[] = []; // positions in the stripped text where a `\r` was taken out
    let pos = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const cr = i < lines.length - 1 && line.endsWith('\r');
      hadCr.push(cr);
      if (cr) lines[i] = line.slice(0, -1);
      pos += lines[i].length;
      if (cr) removedAt.push(pos);
      pos += 1;
    }
    if (removedAt.length === 0) return runStages(text, this.stages);
    const stripped = lines.join('\n');
    const result = runStages(stripped, this.stages);
    if (result.edits.length === 0) return { text, edits: [] };
    const outLines = result.text.split('\n');
    if (outLines.length !== lines.length) throw new Error('a repair stage changed the number of lines');
    let out = '';
    for (let i = 0; i < outLines.length; i++) {
      out += outLines[i];
      if (i < outLines.length - 1) out += hadCr[i] ? '\r\n' : '\n';
    }
    // An offset moves right by the number of `\r` removed strictly before it.
    let k = 0;
    const shift = (p: number): number => {
      while (k < removedAt.length && removedAt[k] < p) k++;
      return p + k;
    };
    const edits: Edit[] = [];
    for (const e of result.edits) {
      const start = shift(e.start);
      const end = shift(e.end);
      edits.push({ ...e, start, end });
    }
    return { text: out, edits };
  }
}
