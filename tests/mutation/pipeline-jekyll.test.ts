// Jekyll's pages (src/pipeline/remark-liquid.ts, remark-kramdown-attributes.ts), in process: the
// first post `jekyll new` writes and the documentation's page on Liquid's tags
// (tests/fixtures/any-manuscript/jekyll-docs, MIT), and Liquid and kramdown as an attacker would
// write them.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { body, calloutTitles, load, onePart, onePartRefused, outsideCode } from './helpers.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/any-manuscript/jekyll-docs');
const jekyll = (): Record<string, string> => Object.fromEntries(readdirSync(FIXTURE).filter((file) => file !== 'LICENSE').map((file) => [file, readFileSync(path.join(FIXTURE, file), 'utf8')]));

describe("Jekyll's own pages", () => {
  test("the first post `jekyll new` writes, a `.markdown` file: its `{% highlight ruby %}` is Ruby as written, quotes and indentation kept", () => {
    const loaded = load(jekyll());
    const html = body(loaded.manuscript.parts[0]!);
    expect(loaded.manuscript.parts[0]!.meta.title).toBe('Welcome to Jekyll!');
    expect(html).toContain('<pre><code class="language-ruby">def print_hi(name)\n  puts "Hi, #{name}"\nend\nprint_hi(\'Tom\')\n#=> prints \'Hi, Tom\' to STDOUT.\n</code></pre>');
    expect(outsideCode(html)).not.toMatch(/\{%/);
  });

  test("the page on Liquid's tags: `{% raw %}` gone around its examples, which stay code as written; kramdown's `{: .note}` a note, its `{:.title}` gone; links into the site their words", () => {
    const loaded = load(jekyll());
    const html = body(loaded.manuscript.parts[1]!);
    expect(calloutTitles(html)).toEqual(['warning: Warning', 'note: Note', 'note: Note']);
    expect(html).toContain('<pre><code class="language-liquid">{% highlight ruby linenos %}\ndef foo\n  puts \'foo\'\nend\n{% endhighlight %}\n</code></pre>');
    expect(html).toContain('<pre><code class="language-liquid">[Name of Link]({% post_url 2010-07-21-name-of-post %})\n</code></pre>');
    expect(html).toContain('add <code>{{ page.path }}</code> to the page');
    // `{&#37; raw &#37;}` in the text shows a tag, and is none.
    expect(html).toContain('place <code>{% raw %}</code> and\n<code>{% endraw %}</code> tags');
    expect(html).toContain('your own tags using plugins.');
    const text = outsideCode(html);
    expect(text).not.toMatch(/\{%-? *(raw|endraw|highlight|endhighlight)|\{:|relative_url/);
    expect(loaded.messages.filter((m) => /: warning: Jekyll's|: error: /.test(m))).toEqual([
      "tags.md:8:21: warning: Jekyll's link to a page of the site that is not a part of the book: “plugins” printed as its words (and 1 more after it)",
      'tags.md:50:14: warning: Jekyll\'s Liquid `{% include docs_version_badge.html version="4.0" %}` is a site\'s template, which pamphlet does not run: printed as typed',
    ]);
  });
});

describe('Liquid and kramdown in a part', () => {
  test('`{% link %}` and `{% post_url %}` to a part of the book link to it; a comment goes with what it holds', () => {
    const files = {
      'pamphlet.yaml': 'series: S\nbase-url: https://example.org/posts/\n',
      '2016-07-26-one.md': '---\ntitle: One\npart: 1\n---\n\nSee [the second]({% post_url 2016-07-27-two %}) and [again]({% link _posts/2016-07-27-two.md %}).\n\n{% comment %}\nA draft **never printed**.\n\nAnother paragraph of it.\n{% endcomment %}\n\nAfter.\n',
      '2016-07-27-two.md': '---\ntitle: Two\npart: 2\n---\n\nText.\n',
    };
    const html = body(load(files).manuscript.parts[0]!);
    expect(html).toBe('<p id="p1" data-pn="1">See <a href="https://example.org/posts/s-2.epub">the second</a> and <a href="https://example.org/posts/s-2.epub">again</a>.</p>\n<p id="p2" data-pn="2">After.</p>');
  });

  test('kramdown\'s list after its block, and one of its own before a list; a list naming no kind only goes', () => {
    const { doc, messages } = onePart('A tip, with its list after it.\n{: .tip}\n\n{: .important }\n\n- one\n- two\n\n{: #plain .lead lang="fr"}\nPlain.\n');
    expect(messages).toEqual([]);
    const html = body(doc);
    expect(calloutTitles(html)).toEqual(['tip: Tip', 'important: Important']);
    expect(html).toContain('<p id="p2" data-pn="2">Plain.</p>');
    expect(html).not.toContain('{:');
  });

  test('as an attacker writes them: a highlight language that is markup, a link out of the folder, a handler in a list, thousands of raws nested', () => {
    const { doc } = onePart('{% highlight x" onload="alert(1) %}\nx\n{% endhighlight %}\n\n[up]({% link ../../etc/passwd %})\n\n{: .note onclick="alert(1)"}\nHandled.\n');
    const html = body(doc);
    expect(html).toContain('<pre><code>x\n</code></pre>');
    expect(html).not.toMatch(/onload|onclick|passwd"/);
    expect(html).toContain('<p id="p1" data-pn="1">up</p>');
    expect(calloutTitles(html)).toEqual(['note: Note']);
    const deep = `${Array(3000).fill('{% raw %}').join('\n\n')}\n\nx\n\n${Array(3000).fill('{% endraw %}').join('\n\n')}\n`;
    expect(onePartRefused(deep)).toEqual([expect.stringMatching(/^part-1\.md:\d+:1: error: .* nested over 200 levels deep/)]);
  });
});
