// Text that Markdown extensions would misread (src/pipeline/remark-literal-colons.ts), in
// process: colons in times, addresses and ratios stay text, and a real directive beside
// them still works, written out.
import { describe, expect, test } from 'vitest';
import { body, onePart, onePartRefused } from './helpers.js';

describe('colons', () => {
  test('a bare :word is the text it was, joined with the text around it', () => {
    const { doc, messages } = onePart(':start at 10:30, localhost:8080 and Note:this; a ratio of 3:2, *a:b* and **b:c** then :span[Wort]{lang=de}:end.\n');
    expect(messages).toEqual([]);
    expect(body(doc)).toBe('<p id="p1" data-pn="1">:start at 10:30, localhost:8080 and Note:this; a ratio of 3:2, <em>a:b</em> and <strong>b:c</strong> then <span lang="de">Wort</span>:end.</p>');
    // One text node where the colons were: the typography pass sees the sentence whole.
    const paragraph = doc.body.children.find((node) => node.type === 'element' && node.tagName === 'p');
    expect(paragraph?.type === 'element' ? paragraph.children.map((child) => child.type === 'element' ? `<${child.tagName}>` : 'text') : []).toEqual(['text', '<em>', 'text', '<strong>', 'text', '<span>', 'text']);
  });

  test('a :name with brackets or braces is a directive, known or not', () => {
    expect(onePartRefused('At 10:30 :nope[x] and :nada{a=1}.\n')).toEqual([
      'part-1.md:6:10: error: unknown directive `:nope` (known: cite, span, quote, questions, next-part, pagebreak; admonitions note, tip, info, important, warning, caution, danger)',
      'part-1.md:6:23: error: unknown directive `:nada` (known: cite, span, quote, questions, next-part, pagebreak; admonitions note, tip, info, important, warning, caution, danger)',
    ]);
  });
});
