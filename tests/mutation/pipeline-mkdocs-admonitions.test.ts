// Python-Markdown's admonitions as MkDocs sites write them (src/pipeline/mkdocs-admonitions.ts), in
// process: Material for MkDocs's own pages (squidfunk/mkdocs-material, docs/, MIT), their lines as
// they are, and what is left as CommonMark reads it, written out.
import { describe, expect, test } from 'vitest';
import { body, onePart, onePartRefused } from './helpers.js';

/** docs/reference/admonitions.md, "Admonition with custom title". */
const LOREM = [
  '    Lorem ipsum dolor sit amet, consectetur adipiscing elit. Nulla et euismod',
  '    nulla. Curabitur feugiat, tortor non consequat finibus, justo purus auctor',
  '    massa, nec semper lorem quam in massa.',
].join('\n');
const LOREM_TEXT = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. Nulla et euismod\nnulla. Curabitur feugiat, tortor non consequat finibus, justo purus auctor\nmassa, nec semper lorem quam in massa.';

/** docs/upgrade.md, lines 82-94, with the link definitions the page gives further down. */
const UPGRADE = [
  '!!! warning "Built-in plugins not working after upgrade?"',
  '',
  '    If one of the built-in plugins (search or tags) doesn\'t work anymore without',
  '    any apparent error or cause, it is very likely related to custom overrides.',
  '    [MkDocs 1.4.1] and above allow themes to namespace built-in plugins.',
  '    Affected partials:',
  '',
  '    - [`content.html`][content.html]',
  '    - [`header.html`][header.html]',
  '',
  '  [MkDocs 1.4.1]: https://github.com/mkdocs/mkdocs/releases/tag/1.4.1',
  '  [content.html]: https://github.com/squidfunk/mkdocs-material/blob/master/src/templates/partials/content.html',
  '  [header.html]: https://github.com/squidfunk/mkdocs-material/blob/master/src/templates/partials/header.html',
  '',
].join('\n');

describe('MkDocs admonitions', () => {
  test('Material’s examples: a custom title, none, a folding one, a custom type', () => {
    const { doc, messages } = onePart(`!!! note "Phasellus posuere in sem ut cursus"\n\n${LOREM}\n\n??? note\n\n${LOREM}\n\n!!! pied-piper "Pied Piper"\n\n${LOREM}\n\n!!! example\n\n${LOREM}\n`);
    expect(messages).toEqual([]);
    const note = (title: string, pn: number) => `<div class="callout callout-note" role="note"><p class="callout-title">${title}</p><p id="p${pn}" data-pn="${pn}">${LOREM_TEXT}</p></div>`;
    expect(body(doc)).toBe([note('Phasellus posuere in sem ut cursus', 1), note('Note', 2), note('Pied Piper', 3), note('Example', 4)].join('\n'));
  });

  test('the upgrade guide’s warning: its list and reference links inside, as MkDocs shows them', () => {
    const { doc, messages } = onePart(UPGRADE);
    expect(messages).toEqual([]);
    const html = body(doc);
    expect(html).toMatch(/^<div class="callout callout-warning" role="note"><p class="callout-title">Built-in plugins not working after upgrade\?<\/p>/);
    expect(html).toContain('<a href="https://github.com/mkdocs/mkdocs/releases/tag/1.4.1">MkDocs 1.4.1</a> and above');
    expect(html).toContain('<li><a href="https://github.com/squidfunk/mkdocs-material/blob/master/src/templates/partials/content.html"><code>content.html</code></a></li>');
    expect(html).not.toContain('<pre>');
    expect(html).not.toContain('!!!');
  });

  test('a body with no blank line after the marker, and one admonition inside another', () => {
    const { doc, messages } = onePart('!!! tip "Outer"\n    First line of the body.\n\n    !!! danger\n        Inside.\n\nAfter.\n');
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      '<div class="callout callout-tip" role="note"><p class="callout-title">Outer</p><p id="p1" data-pn="1">First line of the body.</p><div class="callout callout-danger" role="note"><p class="callout-title">Danger</p><p id="p2" data-pn="2">Inside.</p></div></div>\n<p id="p3" data-pn="3">After.</p>',
    );
  });

  test('a file written with Windows line endings reads the same', () => {
    const crlf = onePart('!!! tip "Outer"\r\n    First line of the body.\r\n\r\nAfter.\r\n');
    expect(crlf.messages).toEqual([]);
    expect(body(crlf.doc)).toMatch(/^<div class="callout callout-tip" role="note"><p class="callout-title">Outer<\/p><p id="p1" data-pn="1">First line of the body\.<\/p><\/div>/);
  });

  test('content tabs, `=== "C"` and `=== "C++"` (docs/reference/content-tabs.md), each a note titled by its label, its code inside', () => {
    const tab = (label: string, code: string[]) => [`=== "${label}"`, '', `    \`\`\` ${label.toLowerCase()}`, ...code.map((line) => (line ? `    ${line}` : '')), '    ```', ''].join('\n');
    const { doc, messages } = onePart(`${tab('C', ['#include <stdio.h>', '', 'int main(void) {', '  printf("Hello world!\\n");', '  return 0;', '}'])}\n${tab('C++', ['#include <iostream>'])}`);
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      '<div class="callout callout-note" role="note"><p class="callout-title">C</p><pre><code class="language-c">#include &#x3C;stdio.h>\n\nint main(void) {\n  printf("Hello world!\\n");\n  return 0;\n}\n</code></pre></div>\n' +
        '<div class="callout callout-note" role="note"><p class="callout-title">C++</p><pre><code class="language-c++">#include &#x3C;iostream>\n</code></pre></div>',
    );
    // A tab with nothing below it (`=== "… or me …"`, three in a row there) stays as typed.
    expect(body(onePart('=== "... or me ..."\n').doc)).toBe('<p id="p1" data-pn="1">=== ”… or me …”</p>');
  });

  // Material's guide to creating a reproduction (docs/guides/creating-a-reproduction.md, MIT):
  // content tabs inside a numbered step. Until 2026-12-06 only a page's top level was read.
  test('in a list item: tabs inside a step, their body indented four columns past the marker; an error inside at its place', () => {
    const step = ['-   Activate the environment with:', '', '    === ":material-apple: macOS"', '', '        ``` sh', '        . venv/bin/activate', '        ```', '', '    === ":fontawesome-brands-windows: Windows"', '', '        ``` sh', '        . venv/Scripts/activate', '        ```', '', '', '    Your terminal should now print `(venv)` before the prompt.', ''].join('\n');
    const { doc, messages } = onePart(step);
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      [
        '<ul>',
        '<li>',
        '<p id="p1" data-pn="1">Activate the environment with:</p>',
        '<div class="callout callout-note" role="note"><p class="callout-title">:material-apple: macOS</p><pre><code class="language-sh">. venv/bin/activate',
        '</code></pre></div>',
        '<div class="callout callout-note" role="note"><p class="callout-title">:fontawesome-brands-windows: Windows</p><pre><code class="language-sh">. venv/Scripts/activate',
        '</code></pre></div>',
        '<p id="p2" data-pn="2">Your terminal should now print <code>(venv)</code> before the prompt.</p>',
        '</li>',
        '</ul>',
      ].join('\n'),
    );
    // A numbered step, an admonition, and a link inside it to nowhere: at its line and column.
    expect(onePartRefused('1. Step.\n\n   !!! note\n\n       See [there](#nowhere).\n')).toEqual(['part-1.md:10:12: error: link to `#nowhere`: no heading, anchor, ¶ or note in this part has that id']);
  });

  test('what the body holds keeps its place in the file: an error at its line and column', () => {
    // The link's `[` on line 8 (five of front matter and a blank line before the text), column 9.
    expect(onePartRefused('!!! note\n\n    See [there](#nowhere).\n')).toEqual(['part-1.md:8:9: error: link to `#nowhere`: no heading, anchor, ¶ or note in this part has that id']);
  });

  test('left as CommonMark reads it: a marker in a code block, words after it, a body run on into an unindented line', () => {
    expect(body(onePart('```\n!!! note\n    body\n```\n').doc)).toBe('<pre><code>!!! note\n    body\n</code></pre>');
    expect(body(onePart('!!! note this is prose\n').doc)).toBe('<p id="p1" data-pn="1">!!! note this is prose</p>');
    expect(body(onePart('!!! note\n    body\nrun on\n').doc)).toBe('<p id="p1" data-pn="1">!!! note\nbody\nrun on</p>');
  });
});
