import { fix } from '../index.js';

// Minimal pipe until the full CLI lands: stdin → fix → stdout.
const chunks: Buffer[] = [];
process.stdin.on('data', (c: Buffer) => chunks.push(c));
process.stdin.on('end', () => {
  process.stdout.write(fix(Buffer.concat(chunks).toString('utf8')).text);
});
