// Hugo's shortcodes (src/pipeline/remark-hugo-shortcodes.ts), in process: two pages of Hugo's own
// documentation as it writes them (tests/fixtures/any-manuscript/hugo-docs, Apache-2.0); the
// shortcodes of the themes most Hugo sites use, as their documentation gives them; and the same
// shortcodes as an attacker would write them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { body, calloutTitles, load, onePart, onePartRefused, outsideCode, PNG_1x1 } from './helpers.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/any-manuscript/hugo-docs');
const docs = () => Object.fromEntries(['pamphlet.yaml', 'introduction.md', 'details.md'].map((name) => [name, readFileSync(path.join(FIXTURE, name), 'utf8')]));

describe("Hugo's documentation", () => {
  test('its `details` shortcode is a note titled by its summary, its `youtube` a link with a warning, an unknown one typed with a warning', () => {
    const loaded = load(docs());
    expect(loaded.messages.filter((m) => / error: /.test(m))).toEqual([]);
    const [details, introduction] = loaded.manuscript.parts;
    expect(calloutTitles(body(details!))).toEqual(['note: Note', 'note: See the details']);
    expect(body(details!)).toContain('<p class="callout-title">See the details</p>\n<p id="p6" data-pn="6">This is a <strong>bold</strong> word.</p>');
    expect(body(introduction!)).toContain('<a href="https://www.youtube.com/watch?v=0RKpf3rK57I">https://www.youtube.com/watch?v=0RKpf3rK57I</a>');
    expect(loaded.messages.filter((m) => /shortcode/.test(m))).toEqual([
      "details.md:9:1: warning: Hugo's `new-in` shortcode is a site's template, which pamphlet does not run: printed as typed",
      "introduction.md:27:1: warning: Hugo's `youtube` shortcode shows a video's page, which paper cannot: printed as a link to it, https://www.youtube.com/watch?v=0RKpf3rK57I",
    ]);
    // In code, the docs' escaped shortcodes stay as written.
    expect(body(details!)).toContain('{{&#x3C;/* details summary="See the details" */>}}');
  });
});

describe("the themes' shortcodes", () => {
  test("Relearn's notice, Book's hint, Docsy's alert, a figure over several lines, Hugo's highlight", () => {
    const text = [
      '{{% notice tip "Before you start" %}}\nRead the **guide** first.\n{{% /notice %}}',
      '{{< hint warning >}}\nCareful.\n{{< /hint >}}',
      '{{% alert title="Warning" color="warning" %}}\nThis is a warning.\n{{% /alert %}}',
      '{{< figure\n  src="images/zion.png"\n  alt="A photograph of Zion National Park"\n  link="https://www.nps.gov/zion/index.htm"\n  caption="Zion National Park"\n>}}',
      '{{< highlight go "linenos=table" >}}\nfunc main() {\n\tfmt.Println("*not emphasis*")\n}\n{{< /highlight >}}',
      '{{< tabs >}}\nTab content.\n{{< /tabs >}}',
      '',
    ].join('\n\n');
    const { doc, messages } = onePart(text, { files: { 'images/zion.png': PNG_1x1 } });
    expect(messages.filter((m) => !/image/.test(m))).toEqual([]);
    const html = body(doc);
    expect(calloutTitles(html)).toEqual(['tip: Before you start', 'warning: Warning', 'warning: Warning']);
    expect(html).toContain('<figcaption>Zion National Park</figcaption>');
    expect(html).toContain('<pre><code class="language-go">func main() {\n\tfmt.Println("*not emphasis*")\n}\n</code></pre>');
    expect(html).toContain('<p id="p4" data-pn="4">Tab content.</p>');
    expect(outsideCode(html)).not.toMatch(/\{\{|\}\}/);
  });

  test("`[words]({{< ref \"other.md\" >}})`: the link to that part, as `[words](other.md)`; to a file not in the book, the same error at its place", () => {
    const files = {
      'pamphlet.yaml': 'series: S\nbase-url: https://example.org/posts/\n',
      'one.md': '---\ntitle: One\npart: 1\n---\n\nSee [the second post]({{< ref "two.md" >}}) and [its heading]({{< relref "two.md#later" >}}).\n',
      'two.md': '---\ntitle: Two\npart: 2\n---\n\n## Later\n\nText.\n',
    };
    expect(body(load(files).manuscript.parts[0]!)).toBe('<p id="p1" data-pn="1">See <a href="https://example.org/posts/s-2.epub">the second post</a> and <a href="https://example.org/posts/s-2.epub#later">its heading</a>.</p>');
    expect(onePartRefused('Or [gone]({{< ref "nowhere.md" >}}).\n')).toEqual(['part-1.md:6:4: error: link to `nowhere.md`, a file that is not in the book: link to its web address, or give pamphlet.yaml a `base-url` where it is published']);
  });

  test('a picture named from the site\'s root, `/images/x.png`, is the file of that name in the folder or its `static/` (Hugo\'s) or `public/`', () => {
    const text = '{{< figure src="/images/zion.png" alt="Zion" caption="Zion National Park" >}}\n\n![A map](/maps/park.png)\n\n![The logo](/logo.png)\n';
    const { doc } = onePart(text, { files: { 'static/images/zion.png': PNG_1x1, 'public/maps/park.png': PNG_1x1, 'logo.png': PNG_1x1 } });
    const html = body(doc);
    expect(html).toContain('<img src="static/images/zion.png" alt="Zion">');
    expect(html).toContain('<img src="public/maps/park.png" alt="A map">');
    expect(html).toContain('<img src="logo.png" alt="The logo">');
    // Found nowhere, or climbing out: refused as before, at its place.
    expect(onePartRefused('![x](/images/none.png)\n\n![y](/../../etc/passwd.png)\n')).toEqual([
      'part-1.md:6:1: error: image outside the manuscript folder is not allowed: /images/none.png',
      'part-1.md:8:1: error: image outside the manuscript folder is not allowed: /../../etc/passwd.png',
    ]);
  });

  test('as an attacker writes them: a figure outside the folder or a script, a video id that is no id; thousands nested', () => {
    expect(onePartRefused('{{< figure src="../../etc/passwd.png" >}}\n\n{{< figure src="javascript:alert(1)" >}}\n').sort()).toEqual([
      'part-1.md:6:1: error: image outside the manuscript folder is not allowed: ../../etc/passwd.png',
      expect.stringMatching(/^part-1\.md:8:1: error: image refused: /),
    ]);
    expect(body(onePart('{{< youtube "x onload=alert(1)" >}}\n').doc)).not.toContain('<a');
    // A line of thousands of arguments that never closes is read at once, not two ways an argument.
    expect(body(onePart(`{{< x ${'a=b '.repeat(20_000)}\n`).doc)).toContain('a=b a=b');
    const deep = `${Array(3000).fill('{{< hint info >}}').join('\n\n')}\n\nx\n\n${Array(3000).fill('{{< /hint >}}').join('\n\n')}\n`;
    expect(onePartRefused(deep)).toEqual(['part-1.md:404:1: error: `{{` blocks nested over 200 levels deep (counting the blocks around them): close each before the next opens']);
  });
});
