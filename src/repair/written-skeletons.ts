import { WRITTEN_SKELETONS } from './written-skeleton-table.js';

let words: Set<string> | undefined;

/**
 * Whether the training text writes `lower`, a skeleton of a syllable that is no syllable
 * itself, as a word of its own (`top`, `hot`, `cup`; see `data/build/written-skeletons.ts`):
 * typed without marks, it may be that word. Another skeleton (`vuong`, `nhien`) is a syllable
 * that lost its marks.
 */
export function isWrittenSkeleton(lower: string): boolean {
  words ??= new Set(WRITTEN_SKELETONS.map(([word]) => word));
  return words.has(lower);
}
