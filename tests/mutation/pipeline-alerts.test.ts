// GitHub's alerts (src/pipeline/remark-github-alerts.ts), in process: GitHub's own example of
// the five kinds, as its documentation gives it ("Basic writing and formatting syntax",
// Alerts), becomes five labelled notes; a part in German reads "Hinweis"; a language pamphlet
// has no words for keeps GitHub's English label, marked English; what GitHub leaves a quote
// stays one.
import { describe, expect, test } from 'vitest';
import { body, onePart } from './helpers.js';

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

  test('a marker alone, one followed by words on its line, or an unknown kind stays a quotation, as on GitHub', () => {
    const { doc } = onePart('> [!NOTE]\n\n> [!TIP] on one line\n\n> [!HINT]\n> text\n');
    expect(body(doc)).toBe(
      '<blockquote>\n<p id="p1" data-pn="1">[!NOTE]</p>\n</blockquote>\n<blockquote>\n<p id="p2" data-pn="2">[!TIP] on one line</p>\n</blockquote>\n<blockquote>\n<p id="p3" data-pn="3">[!HINT]\ntext</p>\n</blockquote>',
    );
  });
});
