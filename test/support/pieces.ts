/** `text` cut at the given offsets (each within 0..text.length, any order, repeats allowed): its pieces, in order, empty ones included. */
export function cutAt(text: string, offsets: readonly number[]): string[] {
  const points = [...new Set(offsets)].sort((a, b) => a - b);
  const pieces: string[] = [];
  let last = 0;
  for (const p of points) {
    pieces.push(text.slice(last, p));
    last = p;
  }
  pieces.push(text.slice(last));
  return pieces;
}
