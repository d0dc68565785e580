// MyST's admonitions (Jupyter Book, MyST-Parser, Sphinx), in process: MyST-Parser's own page on
// them (tests/fixtures/any-manuscript/myst-admonitions, MIT), written with colon fences
// (remark-colon-containers.ts); the same notes in backtick fences, as Jupyter Book's pages write
// them (src/pipeline/myst-directives.ts); and the same fences as an attacker would write them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { body, calloutTitles, load, onePart, onePartRefused, outsideCode } from './helpers.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/any-manuscript/myst-admonitions');
const myst = () => ({
  'pamphlet.yaml': readFileSync(path.join(FIXTURE, 'pamphlet.yaml'), 'utf8'),
  'admonitions.md': readFileSync(path.join(FIXTURE, 'admonitions.md'), 'utf8'),
});


describe("MyST-Parser's page on its admonitions", () => {
  test('each a note of its kind or its class, titled as sphinx titles it; its options no text; its name a target', () => {
    const loaded = load(myst());
    // Its `{{directive}}`, a substitution of MyST's, is named once: printed as typed.
    expect(loaded.messages.filter((m) => / (error|warning): /.test(m))).toEqual([
      "admonitions.md:10:35: warning: `{{directive}}` is a template's variable (Jekyll's Liquid, MyST's substitutions), which pamphlet does not fill: printed as typed",
    ]);
    const html = body(loaded.manuscript.parts[0]!);
    expect(calloutTitles(html)).toEqual([
      'note: See also',
      'tip: Tip',
      // `:name: a-tip-reference` is the anchor its link below reaches.
      'tip: <span id="a-tip-reference"></span>Tip',
      'note: New in version 1.2.3',
      'note: Changed in version 1.2.3',
      'note: Deprecated since version 1.2.3',
      // `{admonition}` titled by its argument, its Markdown kept; `:class: tip` its kind.
      'tip: My custom title with <em>Markdown</em>!',
      // `:class: dropdown` folds it on the web: printed open.
      'note: Note',
      // sphinx-design's card and tab items, titled by their labels.
      'note: Card Title',
      'note: Label1',
      'note: Label2',
    ]);
    expect(html).toContain('<a href="#a-tip-reference">Reference to my tip</a>');
    const text = outsideCode(html);
    expect(text).not.toMatch(/:::|\{(?:tip|note|seealso|admonition|myst-example|tab-set|card|tab-item)\}|:class: (?:tip|dropdown|myclass)|:name: a-tip/);
  });
});

describe('backtick fences, as Jupyter Book writes them', () => {
  test('a note, a titled admonition with a class, a nested note, one in a list; other directives stay code', () => {
    const text = [
      '```{note}\nNotes require **no** arguments, so content can start here.\n```',
      '```{admonition} Here\'s my title\n:class: tip\n\nHere\'s my admonition content.\n```',
      '````{important}\n---\nname: outer\n---\nOuter.\n\n```{warning}\nNested **warning**.\n```\n````',
      'See [the outer note](#outer).',
      '- In a list:\n\n  ```{seealso}\n  Something else, with `code`.\n  ```',
      '```{code-cell} python\nprint("code stays")\n```',
      '',
    ].join('\n\n');
    const { doc, messages } = onePart(text);
    expect(messages).toEqual([]);
    const html = body(doc);
    expect(calloutTitles(html)).toEqual(['note: Note', 'tip: Here’s my title', 'important: Important', 'warning: Warning', 'note: See also']);
    expect(html).toContain('<p id="p3" data-pn="3"><span id="outer"></span>Outer.</p><div class="callout callout-warning" role="note"><p class="callout-title">Warning</p><p id="p4" data-pn="4">Nested <strong>warning</strong>.</p></div></div>');
    expect(html).toContain('<a href="#outer">the outer note</a>');
    expect(html).toContain('print("code stays")');
    expect(outsideCode(html)).not.toMatch(/\{note\}|:class:|name: outer/);
  });

  test("what a note's body refuses is refused at its own place in the file, in a list's indent and a nested fence too", () => {
    expect(onePartRefused('- item\n\n  ````{note}\n  :class: tip\n\n  See [x](javascript:alert(1)).\n\n  ```{tip}\n  And ![p](../../etc/passwd.png)\n  ```\n  ````\n').sort()).toEqual([
      'part-1.md:11:7: error: link refused: `javascript:` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)',
      'part-1.md:14:7: error: image outside the manuscript folder is not allowed: ../../etc/passwd.png',
    ]);
  });

  test('nested deeper than eight levels, the fences inside stay code (each level parses its body again); no stack overflow', () => {
    const depth = 40;
    const text = `${Array.from({ length: depth }, (_, i) => `${'`'.repeat(3 + depth - i)}{note}`).join('\n')}\nx\n${Array.from({ length: depth }, (_, i) => '`'.repeat(4 + i)).join('\n')}\n`;
    const html = body(onePart(text).doc);
    expect(calloutTitles(html)).toHaveLength(8);
    expect(html).toContain('<pre><code');
  });
});
