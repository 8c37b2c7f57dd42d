export { fix, runStages, buildStages } from './fix.js';
export type { FixOptions } from './fix.js';
export type { Edit, EditKind, FixResult, StageEdit } from './types.js';
export type { Stage } from './stage.js';
export { applyEdits, EditTracker } from './edits.js';
