/**
 * JSON Lines mode (`--jsonl FIELD`): one JSON record per line on standard input; the string
 * at FIELD is repaired and the record is written back with every other byte unchanged, so
 * the command drops into engines that pipe records through a process (Spark `RDD.pipe`,
 * Hadoop Streaming).
 */
import type { Sink } from './process.js';
import { unicodeChunkDecoder } from './decoding.js';
import type { Repairer } from './repairer.js';

/** Counts of a JSON Lines run. */
export interface JsonlStats {
  records: number;
  changed: number;
  edits: number;
  /** Line numbers (1-based) that were not valid JSON; passed through unchanged. */
  invalid: number[];
}

const WS = new Set([' ', '\t', '\n', '\r']);

function skipWs(s: string, i: number): number {
  while (i < s.length && WS.has(s[i])) i++;
  return i;
}

/** End of the JSON string token starting at `s[i] === '"'`. */
function stringEnd(s: string, i: number): number {
  for (let k = i + 1; k < s.length; k++) {
    const c = s[k];
    if (c === '\\') k++;
    else if (c === '"') return k + 1;
  }
  return s.length;
}

/** End of the JSON value starting at `i` (the text is known to be valid JSON). */
function valueEnd(s: string, i: number): number {
  const c = s[i];
  if (c === '"') return stringEnd(s, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let k = i; k < s.length; k++) {
      const d = s[k];
      if (d === '"') k = stringEnd(s, k) - 1;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return k + 1;
      }
    }
    return s.length;
  }
  let k = i;
  while (k < s.length && !WS.has(s[k]) && s[k] !== ',' && s[k] !== '}' && s[k] !== ']') k++;
  return k;
}

/**
 * The source span of the value at `path` inside the object at `s[i]`, or `undefined`.
 * With duplicate keys the last one wins, as in `JSON.parse`.
 */
export function fieldSpan(s: string, i: number, path: readonly string[]): { start: number; end: number } | undefined {
  i = skipWs(s, i);
  if (s[i] !== '{') return undefined;
  i = skipWs(s, i + 1);
  let found: { start: number; end: number } | undefined;
  while (i < s.length && s[i] === '"') {
    const keyEnd = stringEnd(s, i);
    const key = JSON.parse(s.slice(i, keyEnd)) as string;
    i = skipWs(s, keyEnd);
    i = skipWs(s, i + 1); // past ':'
    const end = valueEnd(s, i);
    if (key === path[0]) found = path.length === 1 ? { start: i, end } : fieldSpan(s, i, path.slice(1));
    i = skipWs(s, end);
    if (s[i] === ',') i = skipWs(s, i + 1);
  }
  return found;
}

/** Repairs one record line; returns the line to write and the number of edits. */
export function repairRecord(line: string, path: readonly string[], repairer: Repairer): { line: string; edits: number } {
  const span = fieldSpan(line, 0, path);
  if (!span || line[span.start] !== '"') return { line, edits: 0 };
  const value = JSON.parse(line.slice(span.start, span.end)) as string;
  const result = repairer.repair(value);
  if (result.edits.length === 0) return { line, edits: 0 };
  return {
    line: line.slice(0, span.start) + JSON.stringify(result.text) + line.slice(span.end),
    edits: result.edits.length,
  };
}

/**
 * Streams JSON Lines from `input` to `sink`. Lines that are not valid JSON are passed
 * through unchanged and counted; records without a string at FIELD pass through as well.
 */
export async function runJsonl(
  input: AsyncIterable<Uint8Array>,
  field: string,
  repairer: Repairer,
  sink: Sink,
  onInvalid: (lineNumber: number) => void,
): Promise<JsonlStats> {
  const path = field.split('.');
  const stats: JsonlStats = { records: 0, changed: 0, edits: 0, invalid: [] };
  const decoder = unicodeChunkDecoder('utf-8');
  let carry = '';
  let lineNumber = 0;
  const handle = (raw: string): string => {
    lineNumber++;
    const cr = raw.endsWith('\r');
    const line = cr ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return raw;
    try {
      JSON.parse(line);
    } catch {
      stats.invalid.push(lineNumber);
      onInvalid(lineNumber);
      return raw;
    }
    stats.records++;
    const r = repairRecord(line, path, repairer);
    if (r.edits > 0) {
      stats.changed++;
      stats.edits += r.edits;
    }
    return cr ? r.line + '\r' : r.line;
  };
  const drain = async (final: boolean): Promise<void> => {
    let out = '';
    let from = 0;
    for (let nl = carry.indexOf('\n'); nl >= 0; nl = carry.indexOf('\n', from)) {
      out += handle(carry.slice(from, nl)) + '\n';
      from = nl + 1;
    }
    carry = carry.slice(from);
    if (final && carry.length > 0) {
      out += handle(carry);
      carry = '';
    }
    if (out) await sink.write(out);
  };
  for await (const chunk of input) {
    carry += decoder.decode(chunk, false);
    await drain(false);
  }
  carry += decoder.decode(new Uint8Array(0), true);
  await drain(true);
  return stats;
}
