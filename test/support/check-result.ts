import { expect } from 'vitest';
import { applyEdits, type FixResult } from '../../src/index.js';

/** Checks the contract of a result against its input: edits sorted, exact, and replaying to the text. */
export function checkResult(input: string, result: FixResult): void {
  let last = 0;
  for (const e of result.edits) {
    expect(e.start).toBeGreaterThanOrEqual(last);
    expect(e.end).toBeGreaterThanOrEqual(e.start);
    expect(e.before).toBe(input.slice(e.start, e.end));
    expect(e.before).not.toBe(e.after);
    last = e.end;
  }
  expect(applyEdits(input, result.edits)).toBe(result.text);
  if (result.edits.length === 0) expect(result.text).toBe(input);
}
