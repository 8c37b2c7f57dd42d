/** From command-line flags to the library's options. */
import type { FixOptions } from '../fix.js';
import { UsageError, type CliArgs } from './args.js';
import type { RepairSettings } from './repairer.js';

/**
 * The repair settings the flags ask for. A flag whose library option does not exist in
 * this build is refused rather than silently ignored.
 */
export function repairSettings(args: CliArgs): RepairSettings {
  const fix: FixOptions = {};
  if (args.toneStyle) fix.toneStyle = args.toneStyle;
  if (args.noUnicode) fix.unicode = false;
  if (args.noEncoding) fix.encoding = false;
  if (args.htmlEntities) fix.htmlEntities = true;
  const unavailable: string[] = [];
  if (args.noRepair) unavailable.push('--no-repair');
  if (args.lexicon !== undefined) unavailable.push('--lexicon');
  if (unavailable.length > 0) {
    throw new UsageError(`${unavailable.join(', ')}: not available in this version of vietfix`);
  }
  return { fix, minConfidence: args.minConfidence };
}
