// GitHub's alerts (src/pipeline/remark-github-alerts.ts), in process: GitHub's own example of
// the five kinds, as its documentation gives it ("Basic writing and formatting syntax",
// Alerts), becomes five labelled notes; a part in German reads "Hinweis"; a language pamphlet
// has no words for keeps GitHub's English label, marked English; Obsidian's callouts, its
// titles and kinds GitHub lacks, as Obsidian's help gives them.
import { describe, expect, test } from 'vitest';
import { body, onePart, part, refused } from './helpers.js';

const GITHUB_EXAMPLE = `> [!NOTE]
> Useful information that users should know, even when skimming content.

> [!TIP]
> Helpful advice for doing things better or more easily.

> [!IMPORTANT]
> Key information users need to know to achieve their goal.

> [!WARNING]
> Urgent info that needs immediate user attention to avoid problems.

> [!CAUTION]
> Advises about risks or negative outcomes of certain actions.
`;

const note = (kind: string, label: string, text: string, pn: number, lang = '') =>
  `<div class="callout callout-${kind}" role="note">\n<p class="callout-title"${lang}>${label}</p>\n<p id="p${pn}" data-pn="${pn}">${text}</p>\n</div>`;

describe('GitHub’s alerts', () => {
  test('GitHub’s example of the five kinds: five labelled notes, none a quotation, their labels numbering no ¶', () => {
    const { doc, messages } = onePart(GITHUB_EXAMPLE);
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      [
        note('note', 'Note', 'Useful information that users should know, even when skimming content.', 1),
        note('tip', 'Tip', 'Helpful advice for doing things better or more easily.', 2),
        note('important', 'Important', 'Key information users need to know to achieve their goal.', 3),
        note('warning', 'Warning', 'Urgent info that needs immediate user attention to avoid problems.', 4),
        note('caution', 'Caution', 'Advises about risks or negative outcomes of certain actions.', 5),
      ].join('\n'),
    );
  });

  test('the label is in the part’s language; in one pamphlet has no words for, GitHub’s English, marked so', () => {
    const german = onePart('> [!note]\n> Ein Hinweis.\n', { frontmatter: 'title: T\npart: 1\nlang: de' });
    expect(body(german.doc)).toContain('<p class="callout-title">Hinweis</p>');
    const polish = onePart('> [!Warning]  \n> Ostrzeżenie.\n', { frontmatter: 'title: T\npart: 1\nlang: pl' });
    expect(body(polish.doc)).toBe(note('warning', 'Warning', 'Ostrzeżenie.', 1, ' lang="en"'));
  });

  test('a marker alone, one followed by words on its line, or a kind GitHub lacks: a note, as Obsidian reads it', () => {
    const { doc } = onePart('> [!NOTE]\n\n> [!TIP] on one line\n\n> [!HINT]\n> text\n');
    expect(body(doc)).toBe(
      [
        '<div class="callout callout-note" role="note">\n<p class="callout-title">Note</p>\n</div>',
        '<div class="callout callout-tip" role="note">\n<p class="callout-title">on one line</p>\n</div>',
        note('tip', 'Tip', 'text', 1),
      ].join('\n'),
    );
  });

  test('Obsidian\'s callouts, from its help ("Callouts"): a title of the author\'s, a fold sign, a kind pamphlet has no style for, nested', () => {
    const { doc, messages } = onePart(
      [
        '> [!tip] Callouts can have custom titles\n> Like this one.',
        '> [!faq]- Are callouts foldable?\n> Yes! In a foldable callout, the contents are hidden when the callout is collapsed.',
        '> [!question] Can callouts be nested?\n> > [!todo] Yes!, they can.\n> > > [!example]  You can even use multiple layers of nesting.',
        '> [!abstract]\n> Lorem ipsum dolor sit amet',
      ].join('\n\n'),
    );
    expect(messages).toEqual([]);
    const html = body(doc);
    expect(html).not.toContain('[!');
    const titles = [...html.matchAll(/<div class="callout callout-(\w+)" role="note">\n<p class="callout-title">([^<]*)</g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(titles).toEqual(['tip: Callouts can have custom titles', 'note: Are callouts foldable?', 'note: Can callouts be nested?', 'info: Yes!, they can.', 'note: You can even use multiple layers of nesting.', 'note: Abstract']);
    expect(html).toContain('<p id="p1" data-pn="1">Like this one.</p>');
    expect(html).toContain('Yes! In a foldable callout, the contents are hidden when the callout is collapsed.</p>');
  });
});

// Docusaurus's admonitions (src/pipeline/remark-directives.ts), from its documentation's
// example ("Admonitions", Markdown features): five kinds, and a title of the author's own.
const DOCUSAURUS_EXAMPLE = ['note', 'tip', 'info', 'warning', 'danger'].map((kind) => `:::${kind}\n\nSome **content** with _Markdown_ \`syntax\`.\n\n:::\n`).join('\n');
const SOME = 'Some <strong>content</strong> with <em>Markdown</em> <code>syntax</code>.';
/** As `note`, without the line breaks between its blocks: an admonition is made as pamphlet's other containers are. */
const box = (kind: string, label: string, text: string, pn: number) =>
  `<div class="callout callout-${kind}" role="note"><p class="callout-title">${label}</p><p id="p${pn}" data-pn="${pn}">${text}</p></div>`;

describe('Docusaurus’s admonitions', () => {
  test('its example of five kinds: five labelled notes, as GitHub’s alerts become', () => {
    const { doc, messages } = onePart(DOCUSAURUS_EXAMPLE);
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      [box('note', 'Note', SOME, 1), box('tip', 'Tip', SOME, 2), box('info', 'Info', SOME, 3), box('warning', 'Warning', SOME, 4), box('danger', 'Danger', SOME, 5)].join('\n'),
    );
  });

  test('a title of the author’s own, with its Markdown; the label in the part’s language; nested; in the wrong form, refused at its place', () => {
    const titled = onePart(':::note[Your Title **with** some _Markdown_ `syntax`!]\n\nSome **content** with _Markdown_ `syntax`.\n\n:::\n');
    expect(body(titled.doc)).toBe(
      '<div class="callout callout-note" role="note"><p class="callout-title">Your Title <strong>with</strong> some <em>Markdown</em> <code>syntax</code>!</p>' + `<p id="p1" data-pn="1">${SOME}</p></div>`,
    );
    const german = onePart(':::danger\nHeiß.\n:::\n', { frontmatter: 'title: T\npart: 1\nlang: de' });
    expect(body(german.doc)).toBe(box('danger', 'Gefahr', 'Heiß.', 1));
    const nested = onePart('::::tip\nOuter.\n\n:::caution\nInner.\n:::\n::::\n');
    expect(body(nested.doc)).toBe(
      '<div class="callout callout-tip" role="note"><p class="callout-title">Tip</p><p id="p1" data-pn="1">Outer.</p>' + `${box('caution', 'Caution', 'Inner.', 2)}</div>`,
    );
    // remark-directive's own README writes `:::note{.warning}`: the class goes, with a warning, and so would an event handler.
    const attributed = onePart(':::note{.warning}\nif you chose xxx, you should also use yyy somewhere…\n:::\n\n:::danger{onclick="alert(1)"}\nHot.\n:::\n');
    expect(attributed.messages).toEqual([
      'part-1.md:6:1: warning: attribute `class` on :::note is left out: an admonition takes none (write a title as `:::note[…]`)',
      'part-1.md:10:1: warning: attribute `onclick` on :::danger is left out: an admonition takes none (write a title as `:::danger[…]`)',
    ]);
    expect(body(attributed.doc)).toBe(`${box('note', 'Note', 'if you chose xxx, you should also use yyy somewhere…', 1)}\n${box('danger', 'Danger', 'Hot.', 2)}`);
    expect(refused({ 'pamphlet.yaml': 'series: S\n', 'part-1.md': part('title: T\npart: 1', 'Text.\n\n::note\n') })).toEqual(['part-1.md:8:1: error: `note` is written `:::note … :::`']);
  });
});
