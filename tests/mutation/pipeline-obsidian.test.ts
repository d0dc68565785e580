// Obsidian's Markdown, in process: two notes of the Obsidian Tasks documentation, a vault
// written in Obsidian (tests/fixtures/any-manuscript/obsidian-tasks, MIT), under their own
// names with their pictures; and the constructs' edges, as Obsidian's help describes them.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { body, load, onePart, onePartRefused, refused, SERIES, type Files } from './helpers.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/any-manuscript/obsidian-tasks');
const vault = (): Files => ({
  'pamphlet.yaml': SERIES,
  // The vault's own settings (docs/.obsidian/app.json): the folder is an Obsidian vault.
  '.obsidian/app.json': readFileSync(path.join(FIXTURE, '.obsidian', 'app.json'), 'utf8'),
  'On Completion.md': readFileSync(path.join(FIXTURE, 'On Completion.md'), 'utf8'),
  'Task Dependencies.md': readFileSync(path.join(FIXTURE, 'Task Dependencies.md'), 'utf8'),
  ...Object.fromEntries(readdirSync(path.join(FIXTURE, 'images')).map((name) => [`images/${name}`, readFileSync(path.join(FIXTURE, 'images', name))])),
});
const source = (name: string) => readFileSync(path.join(FIXTURE, name), 'utf8');
/** The body's text outside code, as a reader reads it. */
const prose = (html: string) => html.replace(/<code>[\s\S]*?<\/code>/g, '').replace(/<[^>]+>/g, '');

describe('the Obsidian Tasks documentation', () => {
  test('no bracket, comment, highlight or callout marker is printed; the comment\'s words are not', () => {
    const loaded = load(vault());
    for (const doc of loaded.manuscript.parts) {
      const text = prose(body(doc));
      expect(text, doc.meta.title).not.toMatch(/\[\[|\]\]|%%|==|\[!/);
    }
    // The section the authors commented out, "for now".
    expect(source('Task Dependencies.md')).toContain('This section commented out for now');
    expect(body(loaded.manuscript.parts[1]!)).not.toContain('commented out');
    expect(body(loaded.manuscript.parts[1]!)).not.toContain('Duplicate');
  });

  test('callouts are notes titled by the author, by their kind, or by their name', () => {
    const html = body(load(vault()).manuscript.parts[0]!);
    const titles = [...html.matchAll(/<div class="callout callout-(\w+)" role="note">\n<p class="callout-title">(.*?)<\/p>/g)].map((m) => `${m[1]}: ${m[2]?.replace(/<[^>]+>/g, '').slice(0, 40)}`);
    expect(titles).toEqual([
      'tip: Tip',
      'note: Released',
      'info: Info',
      'tip: Tip',
      'info: Info',
      'note: Imagine that your vault consists of a si',
      'tip: Using the plugin’s default settings, aft',
      'note: Note that',
      'warning: Never, ever put 🏁 delete on a task that',
    ]);
  });

  test('embedded pictures are the files of their names; a highlight is <mark>; links print their words, with one warning a part', () => {
    const loaded = load(vault());
    const [completion, dependencies] = loaded.manuscript.parts;
    expect(body(completion!)).toMatch(/<td><img src="images\/on-completion-before\.png" alt=""><\/td>\s*<td><img src="images\/on-completion-after\.png" alt=""><\/td>/);
    expect(body(dependencies!)).toContain('<mark>the second task cannot be started until the first task is completed</mark>');
    // `[[Recurring Tasks|recurring tasks]]`: the alias; `[[Dates#Done date]]`: the note and heading.
    expect(body(completion!)).toContain('especially</em> likely if you use recurring tasks, which');
    expect(body(completion!)).toContain('add a Dates > Done date when you complete a task');
    const links = loaded.messages.filter((m) => m.includes('obsidian') || m.includes('[['));
    expect(links).toEqual([
      'On Completion.md:8:138: warning: [[Recurring Tasks|recurring tasks]] links to the note “Recurring Tasks”, which is not a part of the book: printed as its words (and 5 more links to notes not in the book in this part)',
      'Task Dependencies.md:22:77: warning: [[Create or edit Task#Dependencies]] links to the note “Create or edit Task”, which is not a part of the book: printed as its words (and 11 more links to notes not in the book in this part)',
    ]);
  });
});

describe('HTML in tables and app links, as the Obsidian Tasks docs write them', () => {
  // docs/Getting Started/Tags.md, its table of tag rules (MIT): paragraphs, lists and <tt> in cells.
  const TAGS_TABLE = "| Situation                                  | Obsidian                                                                                                                                                                                                                                                                                                                                                                              | Tasks plugin                                                                                                                |\n|--------------------------------------------| ------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------- | --------------------------------------------------------------------------------------------------------------------------- |\n| Characters allowed in tags                 | <p>See Obsidian's [Tag format](https://help.obsidian.md/Editing+and+formatting/Tags#Tag+format)</p><ul><li>Alphabetical letters</li><li>Numbers</li><li>Underscore (`_`)</li><li>Hyphen (`-`)</li><li>Forward slash (`/`) for [Nested tags](https://help.obsidian.md/Editing+and+formatting/Tags#Nested+tags)</li></ul><p>Tags must contain at least one non-numerical character.</p> | <p>Any characters **except** the following</p><ul><li><tt>space</tt></li><li><tt>!@#$%^&*(),.?\":{}\\|&lt;&gt;</tt></li></ul> |\n| Number-only tags                           | Tags must contain at least one non-numerical character.<br>So `#1234` is **not** recognised a tag.                                                                                                                                                                                                                                                                                    | No restriction on all-digit tags.<br>So `#1234` **is** recognised as a tag.                                                 |\n";

  test('a cell\'s paragraphs and lists are the cell\'s; <tt> is code; a <p> in a line outside a table begins a line', () => {
    const { doc, messages } = onePart(TAGS_TABLE);
    expect(messages).toEqual([]);
    const html = body(doc);
    expect(html).toMatch(/<td><p[^>]*>See Obsidian’s <a href="[^"]+">Tag format<\/a><\/p><ul><li>Alphabetical letters<\/li><li>Numbers<\/li>/);
    expect(html).toContain('<li><code>space</code></li>');
    expect(body(onePart('Find text in filename.<p/>Example: `file:.jpg`\n').doc)).toBe('<p id="p1" data-pn="1">Find text in filename.<br>\nExample: <code>file:.jpg</code></p>');
    // Outside a cell a list in a line is still refused, and a <p> with a handler is, in a cell too.
    expect(onePartRefused('Text <ul><li>x</li></ul>\n')).toEqual([expect.stringContaining('<ul> is not allowed'), expect.stringContaining('<li> is not allowed')]);
    expect(onePartRefused('| a |\n|---|\n| <p onclick="alert(1)">x</p> |\n')).toEqual([expect.stringContaining('`onclick` is not allowed')]);
  });

  test('a link into Obsidian (docs/How To/Style custom statuses.md) prints its words, with a warning', () => {
    const { doc, messages } = onePart('- Use this link to [install the Style Settings plugin in your vault](obsidian://show-plugin?id=obsidian-style-settings)\n');
    expect(body(doc)).toBe('<ul>\n<li>Use this link to install the Style Settings plugin in your vault</li>\n</ul>');
    expect(messages).toEqual(['part-1.md:6:20: warning: link to `obsidian:`, an address only Obsidian opens: printed as its words']);
    expect(onePartRefused('[x](javascript:alert(1)) [y](vbscript:msgbox(1))\n')).toHaveLength(2);
  });
});

describe('Obsidian\'s constructs at their edges', () => {
  test('comments: inline, on lines of their own across paragraphs, never in code; an unclosed one is an error at its place', () => {
    expect(prose(body(onePart('This is an %%inline%% comment.\n').doc))).toBe('This is an            comment.');
    const block = onePart('Before.\n\n%%\nA private note.\n\nAnother.\n%%\n\nAfter.\n');
    expect(prose(body(block.doc)).split('\n')).toEqual(['Before.', 'After.']);
    expect(body(onePart('`printf("100%%")` and ```%%``` stay.\n\n```\n%% in a block %%\n```\n').doc)).toContain('printf("100%%")');
    expect(prose(body(onePart('Escaped: \\%% is printed, %%this is not%%.\n').doc))).toBe('Escaped: %% is printed,                .');
    expect(onePartRefused('Text.\n\nAn open %% comment\n\nand more.\n')).toEqual(['part-1.md:8:9: error: `%%` opens an Obsidian comment that no `%%` closes: close it, or write `\\%%` for the characters']);
    // At a line's end, no hard break; before a line's words, no code block: as Obsidian shows them.
    expect(body(onePart('The text goes on %%check the date%%\nto the next line.\n').doc)).toBe('<p id="p1" data-pn="1">The text goes on\nto the next line.</p>');
    expect(body(onePart('%%TODO: a source%% The revolution began.\n\n- item\n  %%aside%% its second line\n').doc)).toBe('<p id="p1" data-pn="1">The revolution began.</p>\n<ul>\n<li>item\nits second line</li>\n</ul>');
    // A place after a comment is where it was in the file.
    expect(onePartRefused('%% a\nnote %% [x](javascript:alert(1))\n')).toEqual([expect.stringMatching(/^part-1\.md:7:9: error: link refused/)]);
    expect(onePartRefused('%% a %% [x](javascript:alert(1))\n')).toEqual([expect.stringMatching(/^part-1\.md:6:9: error: link refused/)]);
  });

  test('highlights: around emphasis and links; `==` with spaces around it, or alone, stays', () => {
    expect(body(onePart('==**bold** and [a link](https://obsidian.md)== then a == b, and ==unclosed.\n').doc)).toBe(
      '<p id="p1" data-pn="1"><mark><strong>bold</strong> and <a href="https://obsidian.md/">a link</a></mark> then a == b, and ==unclosed.</p>',
    );
    expect(body(onePart('`a == b` and ==x==\n').doc)).toBe('<p id="p1" data-pn="1"><code>a == b</code> and <mark>x</mark></p>');
  });

  test('outside a vault, `[[foo]]` with no bar or `#` is the text it is (CommonMark\'s spec writes `[[[foo]]]`); in one, its words', () => {
    const spec = '[[[foo]]]\n\n![[foo]]\n';
    const plain = onePart(spec);
    expect(body(plain.doc)).toBe('<p id="p1" data-pn="1">[[[foo]]]</p>\n<p id="p2" data-pn="2">![[foo]]</p>');
    expect(plain.messages).toEqual([
      'part-1.md:6:2: warning: [[foo]] links to the note “foo”, which is not a part of the book: printed as typed (in an Obsidian vault, a folder with `.obsidian/`, as its words)',
      'part-1.md:8:1: warning: ![[foo]] embeds a note, whose text is not carried into the book: printed as typed; copy the text in, or link to it',
    ]);
    expect(body(onePart(spec, { files: { '.obsidian/app.json': '{}' } }).doc)).toBe('<p id="p1" data-pn="1">[foo]</p>\n<p id="p2" data-pn="2">foo</p>');
    expect(body(onePart('[[Settings|the settings]] and [[Settings#Files]]\n').doc)).toBe('<p id="p1" data-pn="1">the settings and Settings > Files</p>');
  });

  test('links: a heading of this part, another part by its name, a block id; a link in a link stays text', () => {
    const loaded = load({
      'pamphlet.yaml': `${SERIES}base-url: https://example.org/book/\n`,
      'First Note.md': '---\ntitle: First\npart: 1\n---\n\n## A heading\n\nSee [[#A heading]], [[Second Note#Its heading|the second]], [[Second Note]] and [[First Note#^37066d]].\n',
      'Second Note.md': '---\ntitle: Second\npart: 2\n---\n\n## Its heading\n\nBack to [[First Note]].\n',
    });
    const first = body(loaded.manuscript.parts[0]!);
    expect(first).toContain('<a href="#a-heading">A heading</a>');
    expect(first).toMatch(/<a href="https:\/\/example\.org\/book\/[^"]+-2\.epub#its-heading">the second<\/a>/);
    expect(first).toContain('and First Note > 37066d.');
    expect(loaded.messages).toEqual(['First Note.md:8:81: warning: [[First Note#^37066d]] links to a block that no `^id` in this part marks, which no output can find: printed as its words']);
  });

  test("block ids, in a vault: the `^id` goes, its block gets an anchor that the part's links reach; elsewhere, and in code, the caret stays", () => {
    // The shapes Obsidian's help ("Internal links", "Link to a block in a note") gives them.
    const text = [
      'The quick purple gem dashes through the paragraph. ^37066d',
      '> A quotation, closed by its id on the next line.\n^37066f',
      '| a | b |\n|---|---|\n| 1 | 2 |',
      '^table-1',
      '- Gemmy ^item-1\n- Unhelpful assistant',
      '```\nThe quick purple gem. ^in-code\n```',
      'See [[#^37066d]], [[#^37066f|the quotation]], [[#^table-1|the table]], [[#^item-1]], [[#^nowhere]] and [[Other#^x]].',
      '',
    ].join('\n\n');
    const { doc, messages } = onePart(text, { files: { '.obsidian/app.json': '{}' } });
    const html = body(doc);
    expect(html).toContain('<p id="p1" data-pn="1"><span id="block-37066d"></span>The quick purple gem dashes through the paragraph.</p>');
    expect(html).toContain('<blockquote>\n<p id="p2" data-pn="2"><span id="block-37066f"></span>A quotation, closed by its id on the next line.</p>\n</blockquote>');
    expect(html).toContain('<th><span id="block-table-1"></span>a</th>');
    expect(html).toContain('<li><span id="block-item-1"></span>Gemmy</li>');
    expect(html).toContain('The quick purple gem. ^in-code');
    expect(html).toContain('See <a href="#block-37066d">37066d</a>, <a href="#block-37066f">the quotation</a>, <a href="#block-table-1">the table</a>, <a href="#block-item-1">item-1</a>, nowhere and Other > x.');
    expect(html.replace(/<pre>[\s\S]*?<\/pre>/, '')).not.toMatch(/\^[\w-]/);
    expect(messages.filter((m) => /block/.test(m))).toEqual(['part-1.md:24:86: warning: [[#^nowhere]] links to a block that no `^id` in this part marks, which no output can find: printed as its words (and 1 more links to blocks in this part)']);
    // Outside a vault a caret and a word at a line's end are the author's.
    expect(body(onePart('Raise it to the power ^2\n').doc)).toBe('<p id="p1" data-pn="1">Raise it to the power ^2</p>');
    // A run of 200,000 blanks before a word is read once, not once from each blank.
    expect(body(onePart(`a${' '.repeat(200_000)}b\n`, { files: { '.obsidian/app.json': '{}' } }).doc)).toContain('b</p>');
  });

  test("a video embedded as a picture (Obsidian's help, \"Embed web pages\"): a link to its page, with a warning; a picture on the network stays an error", () => {
    const { doc, messages } = onePart('![](https://www.youtube.com/watch?v=NnTvZWp5Q7o)\n\nAnd ![the talk](https://youtu.be/NnTvZWp5Q7o) in a line.\n');
    expect(body(doc)).toBe('<p id="p1" data-pn="1"><a href="https://www.youtube.com/watch?v=NnTvZWp5Q7o">https://www.youtube.com/watch?v=NnTvZWp5Q7o</a></p>\n<p id="p2" data-pn="2">And <a href="https://youtu.be/NnTvZWp5Q7o">the talk</a> in a line.</p>');
    expect(messages).toEqual([
      "part-1.md:6:1: warning: https://www.youtube.com/watch?v=NnTvZWp5Q7o is a video's page, embedded as a picture (Obsidian's way), which paper cannot show: printed as a link to it",
      "part-1.md:8:5: warning: https://youtu.be/NnTvZWp5Q7o is a video's page, embedded as a picture (Obsidian's way), which paper cannot show: printed as a link to it",
    ]);
    expect(onePartRefused('![thumbnail](https://img.youtube.com/vi/NnTvZWp5Q7o/0.jpg)\n')).toEqual(['part-1.md:6:1: error: image from the network is not allowed (https://img.youtube.com/vi/NnTvZWp5Q7o/0.jpg): the renderer never fetches; put the file in the manuscript folder']);
  });

  test('Markdown links and pictures as a vault writes them: a page without its extension, a picture by its name alone (in a vault)', () => {
    const png = readFileSync(path.join(FIXTURE, 'images', 'on-completion-after.png'));
    const files = (vault: boolean) => ({
      'pamphlet.yaml': `${SERIES}base-url: https://example.org/book/\n`,
      'Global Query.md': '# Global Query\n\nApplying [filters](Filters) by default.\n\n![The list after](after.png)\n',
      'Filters.md': '# Filters\n\nText.\n',
      'images/after.png': png,
      ...(vault ? { '.obsidian/app.json': '{}' } : {}),
    });
    const loaded = load(files(true));
    const query = loaded.manuscript.parts.find((p) => p.meta.title === 'Global Query')!;
    expect(body(query)).toMatch(/Applying <a href="https:\/\/example\.org\/book\/test-series-1\.epub">filters<\/a> by default\./);
    expect(body(query)).toContain('<img src="images/after.png" alt="The list after">');
    expect(refused(files(false))).toEqual(['Global Query.md:5:1: error: image file not found: after.png']);
  });

  test('embeds: a picture by its name in any folder, by its path, its width no alt text; a missing one or one outside the folder is an error', () => {
    const png = readFileSync(path.join(FIXTURE, 'images', 'on-completion-after.png'));
    const files = { 'Attachments/deep/after.png': png };
    expect(body(onePart('![[after.png|300]]\n\n![[Attachments/deep/after.png|The list after]]\n', { files }).doc)).toBe(
      '<figure class="figure"><img src="Attachments/deep/after.png" alt=""></figure>\n<figure class="figure"><img src="Attachments/deep/after.png" alt="The list after"></figure>',
    );
    expect(onePartRefused('![[before.png]]\n', { files })).toEqual(['part-1.md:6:1: error: image file not found: before.png']);
    expect(onePartRefused('![[../../etc/passwd.png]]\n')).toEqual([expect.stringContaining('part-1.md:6:1: error: image outside the manuscript folder')]);
  });
});
