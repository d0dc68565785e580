// The second line of defence (src/pipeline/rehype-sanitize.ts), in process: HTML as an attacker
// or a broken CSL style might bring it into the tree, and what is left of it, written out.
// The first line (remark-raw-html.ts) refuses most of this with a position before it gets
// here; these inputs go straight to the sanitizer, as a bug upstream would send them.
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, test } from 'vitest';
import rehypeSanitize from '../../src/pipeline/rehype-sanitize.js';
import { html } from './html.js';

const clean = (source: string): string => html(rehypeSanitize()(fromHtml(source, { fragment: true })));

describe('rehype-sanitize keeps what pamphlet makes and drops the rest', () => {
  test.each<[string, string]>([
    ["<p class=\"next-part\">x</p><h1 id=\"a\">h</h1><h2>h</h2><h3>h</h3><h4>h</h4><h5>h</h5><h6>h</h6><blockquote>q</blockquote><hr><br>",
      "<p class=\"next-part\">x</p><h1 id=\"a\">h</h1><h2>h</h2><h3>h</h3><h4>h</h4><h5>h</h5><h6>h</h6><blockquote>q</blockquote><hr><br>"],
    ["<ul class=\"contains-task-list\"><li class=\"task-list-item\"><input type=\"checkbox\" disabled checked> t</li></ul><ol start=\"3\" class=\"contains-task-list\"><li>o</li></ol>",
      "<ul class=\"contains-task-list\"><li class=\"task-list-item\"><input type=\"checkbox\" disabled checked> t</li></ul><ol start=\"3\" class=\"contains-task-list\"><li>o</li></ol>"],
    ["<pre><code class=\"language-c++\">x</code></pre><code class=\"language-js\">y</code><code class=\"evil\">z</code>",
      "<pre><code class=\"language-c++\">x</code></pre><code class=\"language-js\">y</code><code>z</code>"],
    ["<em>e</em><strong>s</strong><del>d</del><sup>1</sup><sub>2</sub><i>i</i><b>b</b><small>s</small>",
      "<em>e</em><strong>s</strong><del>d</del><sup>1</sup><sub>2</sub><i>i</i><b>b</b><small>s</small>"],
    ["<a href=\"https://example.org/\" title=\"t\" data-note=\"n1\" class=\"noteref\">1</a><a class=\"noteref-repeat\" href=\"#n\">2</a><a class=\"next-part\" href=\"part-2.html\">n</a><a class=\"other\" href=\"#x\">o</a>",
      "<a href=\"https://example.org/\" title=\"t\" data-note=\"n1\" class=\"noteref\">1</a><a class=\"noteref-repeat\" href=\"#n\">2</a><a class=\"next-part\" href=\"part-2.html\">n</a><a href=\"#x\">o</a>"],
    ["<img src=\"images/a.png\" alt=\"A\" title=\"T\" width=\"10\" onerror=\"alert(1)\">",
      "<img src=\"images/a.png\" alt=\"A\" title=\"T\">"],
    ["<table><caption>c</caption><thead><tr><th align=\"left\">a</th><th align=\"center\">b</th><th align=\"justify\">c</th></tr></thead><tbody><tr><td align=\"right\">1</td><td align=\"char\">2</td></tr></tbody></table>",
      "<table><caption>c</caption><thead><tr><th align=\"left\">a</th><th align=\"center\">b</th><th>c</th></tr></thead><tbody><tr><td align=\"right\">1</td><td>2</td></tr></tbody></table>"],
    ["<figure class=\"quote\"><blockquote>q</blockquote><figcaption>— <cite>W</cite></figcaption></figure><figure class=\"figure\">f</figure><figure class=\"x\">g</figure>",
      "<figure class=\"quote\"><blockquote>q</blockquote><figcaption>— <cite>W</cite></figcaption></figure><figure class=\"figure\">f</figure><figure>g</figure>"],
    ["<div class=\"pagebreak\"></div><div class=\"csl-entry\">e</div><div class=\"csl-bib-body\"><div class=\"csl-left-margin\">1</div><div class=\"csl-right-inline\">r</div><div class=\"csl-indent\">i</div><div class=\"csl-block\">b</div></div><div class=\"evil\">x</div>",
      "<div class=\"pagebreak\"></div><div class=\"csl-entry\">e</div><div class=\"csl-bib-body\"><div class=\"csl-left-margin\">1</div><div class=\"csl-right-inline\">r</div><div class=\"csl-indent\">i</div><div class=\"csl-block\">b</div></div><div>x</div>"],
    ["<div data-note=\"n1\" data-kind=\"footnote\" data-calls=\"2\">n</div><div data-kind=\"citation\">c</div><div data-kind=\"script\">s</div>",
      "<div data-note=\"n1\" data-kind=\"footnote\" data-calls=\"2\">n</div><div data-kind=\"citation\">c</div><div>s</div>"],
    ["<span class=\"citation\">c</span><span class=\"nocase\">n</span><span class=\"x\">x</span>",
      "<span class=\"citation\">c</span><span class=\"nocase\">n</span><span>x</span>"],
    ["<section data-pamphlet-store=\"notes\" data-title=\"Notes\">n</section><section data-pamphlet-store=\"questions\">q</section><section data-pamphlet-store=\"bibliography\">b</section><section data-pamphlet-store=\"scripts\">x</section>",
      "<section data-pamphlet-store=\"notes\" data-title=\"Notes\">n</section><section data-pamphlet-store=\"questions\">q</section><section data-pamphlet-store=\"bibliography\">b</section><section>x</section>"],
    ["<abbr title=\"T\" lang=\"de\" dir=\"ltr\">A</abbr><dfn title=\"d\">D</dfn><time datetime=\"1917-10-25\">t</time><span lang=\"ru\" style=\"color: red\">r</span><mark>m</mark><kbd>k</kbd><u>u</u><s>s</s><q>q</q><var>v</var><samp>s</samp><bdi>b</bdi><bdo dir=\"rtl\">o</bdo><ins>i</ins><wbr>",
      "<abbr title=\"T\" lang=\"de\" dir=\"ltr\">A</abbr><dfn title=\"d\">D</dfn><time datetime=\"1917-10-25\">t</time><span lang=\"ru\" style=\"color: red\">r</span><mark>m</mark><kbd>k</kbd><u>u</u><s>s</s><q>q</q><var>v</var><samp>s</samp><bdi>b</bdi><bdo dir=\"rtl\">o</bdo><ins>i</ins><wbr>"],
    ["<script>alert(1)</script><style>p{}</style><template><p>t</p></template><noscript>n</noscript><p>after</p>",
      "<p>after</p>"],
    ["<a href=\"javascript:alert(1)\">j</a><a href=\"JaVaScRiPt:alert(1)\">J</a><a href=\"data:text/html,x\">d</a><a href=\"vbscript:x\">v</a><a href=\"mailto:a@b.org\">m</a><a href=\"http://x.org\">h</a>",
      "<a>j</a><a>J</a><a>d</a><a>v</a><a href=\"mailto:a@b.org\">m</a><a href=\"http://x.org/\">h</a>"],
    ["<img src=\"javascript:alert(1)\" alt=\"a\"><img src=\"http://x.org/a.png\" alt=\"b\"><img src=\"//x.org/a.png\" alt=\"c\"><img src=\"a.png\" alt=\"d\">",
      "<img alt=\"a\"><img alt=\"b\"><img alt=\"c\"><img src=\"a.png\" alt=\"d\">"],
    ["<p onclick=\"alert(1)\" style=\"color:red\" class=\"x\" id=\"p1\" lang=\"en\" dir=\"rtl\">p</p>",
      "<p id=\"p1\" lang=\"en\" dir=\"rtl\">p</p>"],
    ["<span style=\"background:url(http://x)\">bg</span><span style=\"color: red; font-weight: bold\">ok</span><span style=\"color: u\\rl(x)\">esc</span>",
      "<span>bg</span><span style=\"color: red; font-weight: bold\">ok</span><span>esc</span>"],
    ["<iframe src=\"http://x\"></iframe><object data=\"x\"></object><embed src=\"x\"><form action=\"x\"><input type=\"text\" name=\"q\"><button>b</button></form><svg><script>alert(1)</script></svg>",
      "<input type=\"checkbox\" disabled>b"],
    // MathML, which TeX math is set as (remark-math.ts): its elements and presentation attributes
    // kept, a handler, a link, a foreign namespace, an annotation other than TeX's and a style the
    // CSS policy refuses dropped (a picture from the network loses its address, as anywhere).
    ["<math xmlns=\"http://www.w3.org/2000/svg\" display=\"block\" alttext=\"x\" onload=\"alert(1)\"><semantics><mrow href=\"javascript:alert(1)\"><mi mathvariant=\"bold\" onclick=\"x\">x</mi><mo style=\"background:url(http://x)\">+</mo><mtext><img src=\"http://x/y.png\"></mtext></mrow><annotation-xml encoding=\"text/html\"><script>alert(1)</script></annotation-xml><annotation encoding=\"text/html\">t</annotation></semantics></math>",
      "<math display=\"block\" alttext=\"x\"><semantics><mrow><mi mathvariant=\"bold\">x</mi><mo>+</mo><mtext><img></mtext></mrow><annotation>t</annotation></semantics></math>"],
    ["<!-- comment --><p>c</p><base href=\"http://x/\"><link rel=\"stylesheet\" href=\"http://x/s.css\"><meta http-equiv=\"refresh\" content=\"0;url=http://x\">",
      "<p>c</p>"],
    ["<td>orphan cell</td><tr><td>orphan row</td></tr><caption>orphan caption</caption>",
      "orphan cellorphan roworphan caption"],
    ["<input type=\"text\" value=\"v\"><input type=\"checkbox\" onfocus=\"x\" autofocus>",
      "<input type=\"checkbox\" disabled><input type=\"checkbox\" disabled>"],
    // `name` stays for rehype-anchors, which makes an author's `<a name>` the anchor's id.
    ["<a href=\"#frag\" name=\"n\" target=\"_blank\" rel=\"opener\" ping=\"http://x\" download>f</a>",
      "<a href=\"#frag\" name=\"n\">f</a>"],
    ["<video src=\"a.mp4\" poster=\"http://x/p.png\"></video><audio src=\"a.mp3\"></audio><source src=\"x\"><track src=\"x\">",
      ""],
    ["<p id=\"__proto__\">proto</p><p id=\"constructor\">c</p>",
      "<p id=\"__proto__\">proto</p><p id=\"constructor\">c</p>"],
    // The class of a code block names its language, nothing else.
    ['<code class="xlanguage-js">a</code><code class="language-js;">b</code><code class="language-">c</code><code class="language-py">d</code>',
      '<code>a</code><code>b</code><code>c</code><code class="language-py">d</code>'],
  ])('%s', (source, expected) => {
    expect(clean(source)).toBe(expected);
  });
});
