/** Property tests of Markdown- and HTML-aware repair: only prose changes, and edits are exact. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repairHtml } from '../src/cli/html.js';
import { repairMarkdown } from '../src/cli/markdown.js';
import { Repairer } from '../src/cli/repairer.js';
import { checkResult } from './support/check-result.js';

const RUNS = { numRuns: 120 };
const repairer = new Repairer({ fix: {} });

/** Words with marks: a line of them reads as clean Vietnamese, not as text typed without marks. */
const CLEAN = ['Tiếng', 'Việt', 'người', 'những', 'được', 'quốc', 'học', 'sẽ', 'năm', 'này'];
/** A clean word, or (damaged) the same word decomposed. */
const cleanWord = fc.constantFrom(...CLEAN);
const anyWord = fc.tuple(cleanWord, fc.boolean()).map(([w, nfd]) => (nfd ? w.normalize('NFD') : w));
const words = (w: fc.Arbitrary<string>) => fc.array(w, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));

/**
 * A Markdown document of prose (`w`) and markup. Each protected part (code, URLs, HTML, front
 * matter) holds decomposed text that prose repair would change; the parts are returned so that
 * a test can find them unchanged in the output.
 */
function markdown(w: fc.Arbitrary<string>): fc.Arbitrary<{ doc: string; kept: string[] }> {
  const damaged = words(cleanWord).map((s) => s.normalize('NFD'));
  const inline = fc.oneof(
    words(w).map((s) => ({ text: s, kept: [] as string[] })),
    words(w).map((s) => ({ text: `*${s}*`, kept: [] })),
    words(w).map((s) => ({ text: `**${s}**`, kept: [] })),
    fc.constantFrom('&amp;', '\\*', '  \n', '\n').map((s) => ({ text: s, kept: [] })),
    damaged.map((s) => ({ text: `\`${s}\``, kept: [`\`${s}\``] })),
    fc.tuple(words(w), damaged).map(([t, u]) => {
      const url = `(https://x.vn/${u.replace(/ /g, '-')})`;
      return { text: `[${t}]${url}`, kept: [url] };
    }),
    fc.tuple(words(w), damaged).map(([t, u]) => {
      const tag = `<b title="${u}">`;
      return { text: `${tag}${t}</b>`, kept: [tag] };
    }),
  );
  const paragraph = fc.array(inline, { minLength: 1, maxLength: 5 }).map((parts) => ({
    text: parts.map((p) => p.text).join(' '),
    kept: parts.flatMap((p) => p.kept),
  }));
  const block = fc.oneof(
    paragraph,
    paragraph.map((p) => ({ text: `# ${p.text.replace(/\n/g, ' ')}`, kept: p.kept })),
    paragraph.map((p) => ({ text: `> ${p.text.replace(/\n/g, '\n> ')}`, kept: p.kept })),
    paragraph.map((p) => ({ text: `- ${p.text.replace(/\n/g, '\n  ')}`, kept: p.kept })),
    damaged.map((s) => ({ text: `\`\`\`\n${s}\n\`\`\``, kept: [s] })),
  );
  return fc
    .tuple(fc.option(damaged, { nil: undefined }), fc.array(block, { minLength: 1, maxLength: 5 }))
    .map(([front, blocks]) => {
      const kept = blocks.flatMap((b) => b.kept);
      let doc = blocks.map((b) => b.text).join('\n\n') + '\n';
      if (front !== undefined) {
        doc = `---\ntitle: ${front}\n---\n${doc}`;
        kept.push(`title: ${front}\n`);
      }
      return { doc, kept };
    });
}

describe('Markdown-aware repair', () => {
  it('keeps code, URLs, HTML and front matter byte for byte, and its edits are exact', () => {
    fc.assert(
      fc.property(markdown(anyWord), ({ doc, kept }) => {
        const result = repairMarkdown(doc, repairer);
        checkResult(doc, result);
        for (const part of kept) expect(result.text).toContain(part);
      }),
      RUNS,
    );
  });

  it('repairs the decomposed prose it is given', () => {
    fc.assert(
      fc.property(words(anyWord), (prose) => {
        expect(repairMarkdown(`# ${prose}\n\n*${prose}*\n`, repairer).text).toBe(`# ${prose.normalize('NFC')}\n\n*${prose.normalize('NFC')}*\n`);
      }),
      RUNS,
    );
  });

  it('leaves a document with clean prose byte-identical, and its repair is stable', () => {
    fc.assert(
      fc.property(markdown(cleanWord), ({ doc }) => {
        const result = repairMarkdown(doc, repairer);
        // The protected parts hold decomposed text, the prose none: nothing may change.
        expect(result.text).toBe(doc);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(markdown(anyWord), ({ doc }) => {
        const once = repairMarkdown(doc, repairer).text;
        expect(repairMarkdown(once, repairer).text).toBe(once);
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary text full of markup characters', () => {
    const chars = fc.constantFrom('*', '_', '`', '[', ']', '(', ')', '<', '>', '!', '#', '-', '+', '\\', '&', ';', '\n', ' ', '\r', 'a', 'ế', 'e\u0302\u0301', ':');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 80 }).map((cs) => cs.join('')), (doc) => {
        checkResult(doc, repairMarkdown(doc, repairer));
      }),
      { numRuns: 300 },
    );
  });
});

describe('HTML-aware repair', () => {
  it('keeps tags, scripts, comments and other attributes byte for byte, and its edits are exact', () => {
    const damaged = words(cleanWord).map((s) => s.normalize('NFD'));
    const piece = fc.oneof(
      words(anyWord),
      words(anyWord).map((s) => `<p>${s}</p>`),
      fc.tuple(words(anyWord), damaged).map(([t, u]) => `<a href="/${u.replace(/ /g, '-')}" title="${t}">${t}</a>`),
      damaged.map((s) => `<script>var s = "${s}";</script>`),
      damaged.map((s) => `<!-- ${s} -->`),
      damaged.map((s) => `<code>${s}</code>`),
      fc.constant('&amp; &nbsp; &#7879;'),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (pieces) => {
        const doc = pieces.join('\n');
        const result = repairHtml(doc, repairer);
        checkResult(doc, result);
        for (const p of pieces) {
          if (p.startsWith('<script') || p.startsWith('<!--') || p.startsWith('<code')) expect(result.text).toContain(p);
          const href = /href="[^"]*"/.exec(p);
          if (href) expect(result.text).toContain(href[0]);
        }
      }),
      RUNS,
    );
  });
});
