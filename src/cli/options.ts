/** From command-line flags to the library's options. */
import { readFileSync } from 'node:fs';
import type { FixOptions } from '../fix.js';
import { UsageError, type CliArgs } from './args.js';
import type { RepairSettings } from './repairer.js';

/**
 * The words of a `--lexicon` file: one entry per line (a name may have spaces), blank
 * lines and lines starting with `#` left out.
 */
export function readLexicon(path: string): string[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code ? e.message.split('\n')[0] : 'not valid UTF-8';
    throw new UsageError(`--lexicon ${path}: ${why}`);
  }
  return text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** The repair settings the flags ask for (reads the `--lexicon` file). */
export function repairSettings(args: CliArgs): RepairSettings {
  const fix: FixOptions = {};
  if (args.toneStyle) fix.toneStyle = args.toneStyle;
  if (args.noUnicode) fix.unicode = false;
  if (args.noEncoding) fix.encoding = false;
  if (args.htmlEntities) fix.htmlEntities = true;
  if (args.noRepair) fix.repair = false;
  if (args.ocr !== 'auto') fix.ocr = args.ocr;
  if (args.lexicon !== undefined) fix.lexicon = readLexicon(args.lexicon);
  // The context repair weighs its own decisions against it; every other edit below it is
  // dropped afterwards (see Repairer).
  if (args.minConfidence !== undefined) fix.minConfidence = args.minConfidence;
  return { fix, minConfidence: args.minConfidence };
}
