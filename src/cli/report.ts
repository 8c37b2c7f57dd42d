/** What the CLI tells people and CI systems: lint lines, annotations, summaries, JSON reports. */
import type { Edit } from '../types.js';

/** An edit with its 1-based line and column (UTF-16 code units) in the file. */
export interface LocatedEdit extends Edit {
  line: number;
  column: number;
}

/** What happened to one input. Plain data: it crosses from worker threads. */
export interface FileOutcome {
  path: string;
  status: 'ok' | 'skipped' | 'error';
  /** Why a file was skipped or failed (one line). */
  reason?: string;
  /**
   * Named on the command line (or standard input): skipping it is trouble (exit status 2),
   * while a binary file met in a directory or by a glob is skipped quietly.
   */
  named?: boolean;
  /** Parts left unrepaired on purpose (e.g. markup nested too deep), one line each. */
  warnings?: string[];
  encoding?: string;
  encodingConfidence?: number;
  /** The file was in a legacy encoding and its repair converts it to UTF-8. */
  converted: boolean;
  /** Repairing would change (or changed) the file. */
  changed: boolean;
  /** `--write` replaced the file. */
  written: boolean;
  /** Input size in bytes. */
  bytes: number;
  /** Number of edits, and by kind. */
  edits: number;
  byKind: Record<string, number>;
  /** The input was repaired as OCR output: judged so (the default) or told so (`--ocr`). */
  ocr?: boolean;
  /** The first edits, for the JSON report (capped, see {@link REPORT_EDIT_CAP}); empty without `--report`. */
  sample: LocatedEdit[];
}

/** At most this many edits per file are kept for `--report`; the counts are always complete. */
export const REPORT_EDIT_CAP = 1000;

/**
 * Makes invisible differences visible: combining marks, format characters (zero-width
 * joiners, soft hyphens), controls and unusual spaces are shown as `\u{…}` escapes, and
 * nothing (a deletion) as `""`.
 */
export function visible(s: string): string {
  if (s === '') return '""';
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === ' ' || !/[\p{M}\p{Cf}\p{Cc}\p{Z}\p{Cs}\p{Co}\p{Cn}]/u.test(ch)) out += ch;
    else out += `\\u{${cp.toString(16).toUpperCase().padStart(4, '0')}}`;
  }
  return out;
}

function confidenceText(e: Edit): string {
  return e.detail ? `${e.confidence.toFixed(2)}, ${e.detail}` : e.confidence.toFixed(2);
}

/** `path:line:column  kind  before → after  (confidence)` */
export function lintLine(path: string, e: LocatedEdit): string {
  return `${path}:${e.line}:${e.column}  ${e.kind}  ${visible(e.before)} → ${visible(e.after)}  (${confidenceText(e)})`;
}

/** The lint line for a whole-file conversion from a legacy encoding. */
export function conversionLine(path: string, encoding: string, confidence: number): string {
  return `${path}:1:1  legacy-encoding  ${encoding} → utf-8  (${confidence.toFixed(2)}, whole file)`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A GitHub Actions workflow command that annotates the span in the pull request. */
export function githubAnnotation(path: string, e: LocatedEdit): string {
  const props = [
    `file=${escapeProperty(path)}`,
    `line=${e.line}`,
    `col=${e.column}`,
    `endColumn=${e.column + (e.end - e.start)}`,
    `title=${escapeProperty(`vietfix: ${e.kind}`)}`,
  ].join(',');
  return `::warning ${props}::${escapeData(`${visible(e.before)} → ${visible(e.after)} (${confidenceText(e)})`)}`;
}

/** The GitHub annotation for a whole-file conversion. */
export function githubConversion(path: string, encoding: string, confidence: number): string {
  return `::warning file=${escapeProperty(path)},line=1,title=${escapeProperty('vietfix: legacy-encoding')}::${escapeData(
    `${encoding} → utf-8 (${confidence.toFixed(2)}, whole file)`,
  )}`;
}

/** Totals over a run. */
export interface Summary {
  scanned: number;
  changed: number;
  written: number;
  skipped: number;
  errors: number;
  edits: number;
  byKind: Record<string, number>;
  encodings: Record<string, number>;
  bytes: number;
  /** Inputs repaired as OCR output. */
  ocr: number;
}

/** Adds up outcomes. */
export function summarize(outcomes: readonly FileOutcome[]): Summary {
  const s: Summary = { scanned: 0, changed: 0, written: 0, skipped: 0, errors: 0, edits: 0, byKind: {}, encodings: {}, bytes: 0, ocr: 0 };
  for (const o of outcomes) {
    s.bytes += o.bytes;
    if (o.status === 'skipped') s.skipped++;
    else if (o.status === 'error') s.errors++;
    else s.scanned++;
    if (o.changed) s.changed++;
    if (o.written) s.written++;
    if (o.ocr === true) s.ocr++;
    s.edits += o.edits;
    for (const [k, n] of Object.entries(o.byKind)) s.byKind[k] = (s.byKind[k] ?? 0) + n;
    if (o.encoding) s.encodings[o.encoding] = (s.encodings[o.encoding] ?? 0) + 1;
  }
  return s;
}

function counts(r: Record<string, number>): string {
  return Object.entries(r)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The human summary printed on stderr after `--check` and `--write`. */
export function summaryText(mode: 'check' | 'write' | 'other', outcomes: readonly FileOutcome[]): string {
  const s = summarize(outcomes);
  const verb = mode === 'write' ? `${s.written} rewritten` : `${s.changed} would change`;
  const lines = [`vietfix: ${plural(s.scanned, 'file')} scanned, ${verb}`];
  lines.push(`  edits: ${s.edits}${s.edits > 0 ? ` (${counts(s.byKind)})` : ''}`);
  if (Object.keys(s.encodings).length > 0) lines.push(`  encodings: ${counts(s.encodings)}`);
  if (s.ocr > 0) lines.push(`  OCR output: ${plural(s.ocr, 'file')} (every Vietnamese line repaired as OCR text)`);
  if (s.skipped > 0) {
    lines.push(`  skipped: ${s.skipped}`);
    for (const o of outcomes) if (o.status === 'skipped') lines.push(`    ${o.path}: ${o.reason}`);
  }
  if (s.errors > 0) {
    lines.push(`  not processed: ${s.errors}`);
    for (const o of outcomes) if (o.status === 'error') lines.push(`    ${o.path}: ${o.reason}`);
  }
  return lines.join('\n') + '\n';
}

/** The `--report FILE` document. */
export function reportJson(mode: string, outcomes: readonly FileOutcome[], exitCode: number): string {
  const summary = summarize(outcomes);
  return (
    JSON.stringify(
      {
        tool: 'vietfix',
        mode,
        exitCode,
        summary,
        files: outcomes.map((o) => ({
          path: o.path,
          status: o.status,
          ...(o.reason ? { reason: o.reason } : {}),
          encoding: o.encoding ?? null,
          converted: o.converted,
          ocr: o.ocr === true,
          changed: o.changed,
          written: o.written,
          bytes: o.bytes,
          edits: o.edits,
          byKind: o.byKind,
          editList: o.sample.map(({ line, column, start, end, before, after, kind, confidence, detail }) => ({
            line,
            column,
            start,
            end,
            before,
            after,
            kind,
            confidence,
            ...(detail ? { detail } : {}),
          })),
          ...(o.sample.length < o.edits ? { editListTruncated: true } : {}),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
