/**
 * JSON Lines mode (`--jsonl FIELD`): one JSON record per line on standard input; the string
 * at FIELD is repaired and the record is written back with every other byte unchanged, so
 * the command drops into engines that pipe records through a process (Spark `RDD.pipe`,
 * Hadoop Streaming).
 */
import { utf8ErrorAt } from './decoding.js';
import type { Repairer } from './repairer.js';

/** Counts of a JSON Lines run. */
export interface JsonlStats {
  records: number;
  changed: number;
  edits: number;
  /** Line numbers (1-based) that were not valid UTF-8 or not valid JSON; passed through unchanged. */
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

/** A JSON string literal for `text` that older consumers read too: U+2028 and U+2029 escaped. */
export function jsonString(text: string): string {
  const json = JSON.stringify(text);
  return /[\u2028\u2029]/.test(json) ? json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : json;
}

/** Repairs one record line; returns the line to write and the number of edits. */
export function repairRecord(line: string, path: readonly string[], repairer: Repairer): { line: string; edits: number } {
  const span = fieldSpan(line, 0, path);
  if (!span || line[span.start] !== '"') return { line, edits: 0 };
  const value = JSON.parse(line.slice(span.start, span.end)) as string;
  const result = repairer.repair(value);
  if (result.edits.length === 0) return { line, edits: 0 };
  return {
    line: line.slice(0, span.start) + jsonString(result.text) + line.slice(span.end),
    edits: result.edits.length,
  };
}

/** Where JSON Lines output goes: text, or a bad line's bytes exactly as they came. */
export interface ByteSink {
  write(data: string | Uint8Array): void | Promise<void>;
}

/** Why a line was passed through unchanged. */
export type InvalidLine = { line: number; reason: string };

/** Output is handed to the sink in pieces of about this many characters. */
const OUT_BATCH = 64 << 10;

const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

/**
 * Streams JSON Lines from `input` to `sink`, one output line per input line, in order.
 * Lines are cut at the byte level, so one bad line cannot affect another: a line that is not
 * UTF-8 or not JSON is passed through byte for byte and reported; records without a string
 * at FIELD pass through as well. A line is held in memory once as bytes and once as text.
 */
export async function runJsonl(
  input: AsyncIterable<Uint8Array>,
  field: string,
  repairer: Repairer,
  sink: ByteSink,
  onInvalid: (invalid: InvalidLine) => void,
): Promise<JsonlStats> {
  const path = field.split('.');
  const stats: JsonlStats = { records: 0, changed: 0, edits: 0, invalid: [] };
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let lineNumber = 0;
  let out = '';
  const emit = async (data: string | Uint8Array): Promise<void> => {
    if (typeof data === 'string') {
      out += data;
      if (out.length < OUT_BATCH) return;
      data = out;
      out = '';
    } else if (out.length > 0) {
      const text = out;
      out = '';
      await sink.write(text);
    }
    await sink.write(data);
  };
  const invalid = (reason: string): void => {
    stats.invalid.push(lineNumber);
    onInvalid({ line: lineNumber, reason });
  };
  /** One line's bytes, without its `\n`. */
  const handle = async (raw: Uint8Array, newline: boolean): Promise<void> => {
    lineNumber++;
    const end = newline ? '\n' : '';
    if (lineNumber === 1 && raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) {
      await emit(UTF8_BOM);
      raw = raw.subarray(3);
    }
    let text: string;
    try {
      text = utf8.decode(raw);
    } catch {
      const at = utf8ErrorAt(raw, true);
      invalid(`not valid UTF-8 (byte 0x${raw[at].toString(16).padStart(2, '0')} at offset ${at} of the line)`);
      await emit(raw);
      await emit(end);
      return;
    }
    const cr = text.endsWith('\r');
    const line = cr ? text.slice(0, -1) : text;
    if (line.trim() === '') return emit(text + end);
    try {
      JSON.parse(line);
    } catch {
      invalid('not valid JSON');
      return emit(text + end);
    }
    stats.records++;
    const r = repairRecord(line, path, repairer);
    if (r.edits > 0) {
      stats.changed++;
      stats.edits += r.edits;
    }
    await emit((r.edits > 0 ? r.line + (cr ? '\r' : '') : text) + end);
  };
  // The bytes of the line under way, from earlier chunks.
  let parts: Uint8Array[] = [];
  for await (const chunk of input) {
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, from)) {
      const piece = chunk.subarray(from, nl);
      await handle(parts.length === 0 ? piece : Buffer.concat([...parts, piece]), true);
      parts = [];
      from = nl + 1;
    }
    if (from < chunk.length) parts.push(chunk.subarray(from));
  }
  if (parts.length > 0) await handle(Buffer.concat(parts), false);
  if (out.length > 0) await sink.write(out);
  return stats;
}
