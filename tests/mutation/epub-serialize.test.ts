// The EPUB's XHTML serializer (src/render/epub/serialize.ts), in process: what each kind of
// element, character and attribute becomes in the file a reading system parses, written out.
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, test } from 'vitest';
import { escapeAttribute, escapeText, toXml } from '../../src/render/epub/serialize.js';

const fragment = (html: string) => fromHtml(html, { fragment: true });

describe('XHTML for an EPUB', () => {
  test('void elements close themselves; the others, even empty, are closed by an end tag', () => {
    expect(toXml(fragment('<span><area><base><br><col><embed><hr><img src="a.png" alt=""><input><link><meta><source><track><wbr></span>'))).toBe(
      "<span xmlns=\"http://www.w3.org/1999/xhtml\">\n<area/><base/><br/><embed/><hr/>\n<img src=\"a.png\" alt=\"\"/><input/><link/>\n<meta/>\n<source/><track/><wbr/></span>",
    );
  });

  test('a line break after each block among blocks, none inside pre or between inline elements', () => {
    expect(
      toXml(fragment('<div><address>a</address><aside>b</aside><blockquote>c</blockquote><dl><dt>d</dt><dd>e</dd></dl><figure><figcaption>f</figcaption></figure><footer>g</footer><h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6><header>h</header><hr><ol><li>i</li></ol><main>m</main><nav>n</nav><p>p</p><section>s</section><table><caption>c</caption><thead><tr><th>t</th></tr></thead><tbody><tr><td>u</td></tr></tbody><tfoot><tr><td>v</td></tr></tfoot></table><ul><li>w</li></ul><pre><b>x</b>\n<i>y</i></pre><span>z</span></div>')),
    ).toBe(
      "<div xmlns=\"http://www.w3.org/1999/xhtml\">\n<address>a</address>\n<aside>b</aside>\n<blockquote>c</blockquote>\n<dl>\n<dt>d</dt>\n<dd>e</dd>\n</dl>\n<figure>\n<figcaption>f</figcaption>\n</figure>\n<footer>g</footer>\n<h1>1</h1>\n<h2>2</h2>\n<h3>3</h3>\n<h4>4</h4>\n<h5>5</h5>\n<h6>6</h6>\n<header>h</header>\n<hr/>\n<ol>\n<li>i</li>\n</ol>\n<main>m</main>\n<nav>n</nav>\n<p>p</p>\n<section>s</section>\n<table>\n<caption>c</caption>\n<thead>\n<tr>\n<th>t</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>u</td>\n</tr>\n</tbody>\n<tfoot>\n<tr>\n<td>v</td>\n</tr>\n</tfoot>\n</table>\n<ul>\n<li>w</li>\n</ul>\n<pre><b>x</b>\n<i>y</i></pre>\n<span>z</span></div>",
    );
  });

  test('a whole document: the head’s blocks too; comments and the doctype go', () => {
    expect(toXml(fromHtml('<!doctype html><html><head><title>T</title><meta charset="utf-8"><link rel="stylesheet" href="s.css"></head><body><!-- c --><p>x</p></body></html>'))).toBe(
      "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n<title>T</title>\n<meta charset=\"utf-8\"/>\n<link rel=\"stylesheet\" href=\"s.css\"/>\n</head>\n<body>\n<p>x</p>\n</body>\n</html>",
    );
  });

  test('characters XML forbids are dropped from text and attributes; tabs, line breaks and paired surrogates stay', () => {
    expect(toXml(fragment('<p title="x\u0002y" class="a\u0003 b">a\u0001b\uFFFEc\uD800d\uDC00e😀f\u000Bg\u001Fh\tok\nok</p>'))).toBe(
      "<p xmlns=\"http://www.w3.org/1999/xhtml\" title=\"xy\" class=\"a b\">abcde😀fgh\tok\nok</p>",
    );
  });

  test('`]]>` in text is written so that no parser takes it for the end of a CDATA section', () => {
    expect(toXml(fragment('<p>a ]]> b</p>'))).toBe("<p xmlns=\"http://www.w3.org/1999/xhtml\">a ]]&#x3E; b</p>");
  });

  test('SVG is pure XML: its empty elements close themselves and its title is no block', () => {
    expect(toXml(fragment('<div><svg viewBox="0 0 1 1"><title>t</title><rect width="1"></rect><g><circle r="1"></circle></g></svg><p></p></div>'))).toBe(
      "<div xmlns=\"http://www.w3.org/1999/xhtml\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><title>t</title><rect width=\"1\"/><g><circle r=\"1\"/></g></svg><p></p>\n</div>",
    );
  });

  test('text and attribute values for the templates (the OPF), escaped', () => {
    expect(escapeText('a<b&"c\'>\u0001d')).toBe("a&#x3C;b&#x26;\"c'>d");
    expect(escapeAttribute('a<b&"c\'>\u0001d')).toBe("a&#x3C;b&#x26;&#x22;c'>d");
  });

  test('an unparsed raw node is refused, never written as it is', () => {
    expect(() => toXml({ type: 'root', children: [{ type: 'raw', value: '<x>' } as never] })).toThrow('EPUB: cannot serialize a "raw" node as XHTML');
  });
});
