import fc from 'fast-check';

// Property tests explore new random cases on every local run; in CI they replay a fixed seed so
// that a landing is decided by the code, not by the draw. Set FC_SEED to replay another one.
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261125' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
