// The EPUB packager (src/render/epub), in process: every file of two small EPUBs written
// out as a reader's device gets it — the package's identifiers and dates, the navigation,
// the text with its pop-up notes, the Works Cited, the "Next:" line, the colophon.
// (tests/epub.test.ts runs epubcheck on EPUBs of the same shapes through the CLI.)
import { describe, expect, test } from 'vitest';
import { epubOf, load, part, PNG_1x1 } from './helpers.js';

const BIB = `@book{carr1950, author = {Carr, Edward Hallett}, title = {The Bolshevik Revolution}, publisher = {Macmillan}, address = {London}, year = {1950}}\n`;

const ONE: Record<string, string> = {
  "mimetype": `application/epub+zip`,
  "META-INF/container.xml": `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`,
  "OEBPS/package.opf": `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="en-GB">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="pub-id">urn:uuid:e940b7ee-46e2-522d-b560-b630eec1d6cb</dc:identifier>
    <dc:title id="title">The Start</dc:title>
    <meta refines="#title" property="title-type">main</meta>
    <dc:creator id="creator-1">Ada Lovelace</dc:creator>
    <meta refines="#creator-1" property="role" scheme="marc:relators">aut</meta>
    <meta refines="#creator-1" property="display-seq">1</meta>
    <dc:creator id="creator-2">Bea Webb</dc:creator>
    <meta refines="#creator-2" property="role" scheme="marc:relators">aut</meta>
    <meta refines="#creator-2" property="display-seq">2</meta>
    <dc:publisher>Reading Room</dc:publisher>
    <dc:rights>CC BY-SA 4.0</dc:rights>
    <dc:language>en-GB</dc:language>
    <dc:date>2017-11-07</dc:date>
    <meta property="dcterms:modified">2020-01-02T03:04:05Z</meta>
    <meta property="belongs-to-collection" id="c01">Red October</meta>
    <meta refines="#c01" property="collection-type">series</meta>
    <meta refines="#c01" property="group-position">1</meta>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessMode">visual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityFeature">readingOrder</meta>
    <meta property="schema:accessibilityFeature">ARIA</meta>
    <meta property="schema:accessibilityFeature">displayTransformability</meta>
    <meta property="schema:accessibilityFeature">alternativeText</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary" xml:lang="en">This publication is structured with headings, a table of contents and landmarks, and follows a single reading order. Notes are linked from their reference in the text and link back to it. The cover and all images have text alternatives. Text size, fonts and colours can be changed in the reading system.</meta>
    <meta name="cover" content="cover-image"/>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
    <item id="cover-svg" href="cover.svg" media-type="image/svg+xml"/>
    <item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>
    <item id="text" href="text.xhtml" media-type="application/xhtml+xml"/>
    <item id="bibliography" href="bibliography.xhtml" media-type="application/xhtml+xml"/>
    <item id="colophon" href="colophon.xhtml" media-type="application/xhtml+xml"/>
    <item id="css" href="styles/epub.css" media-type="text/css"/>
  </manifest>
  <spine toc="ncx">
    <itemref idref="cover"/>
    <itemref idref="nav"/>
    <itemref idref="text"/>
    <itemref idref="bibliography"/>
    <itemref idref="colophon"/>
  </spine>
  <guide>
    <reference type="cover" title="Cover" href="cover.xhtml"/>
    <reference type="toc" title="Contents" href="nav.xhtml"/>
    <reference type="text" title="Start of text" href="text.xhtml"/>
    <reference type="bibliography" title="Works Cited" href="bibliography.xhtml"/>
  </guide>
</package>
`,
  "OEBPS/nav.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en-GB" xml:lang="en-GB">
<head>
<meta charset="utf-8"/>
<title>Contents</title>
<link rel="stylesheet" type="text/css" href="styles/epub.css"/>
</head>
<body class="nav">
<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
<h1 id="toc-title">Contents</h1>
<ol>
<li><a href="text.xhtml">Part I: The Start</a></li>
<li>
<a href="text.xhtml#first--second">First &#x26; Second</a><ol>
<li><a href="text.xhtml#deeper">Deeper</a></li>
</ol>
</li>
<li><a href="text.xhtml#questions">Questions for discussion</a></li>
<li><a href="bibliography.xhtml">Works Cited</a></li>
</ol>
</nav>
<nav epub:type="landmarks" id="landmarks" hidden="">
<h2>Landmarks</h2>
<ol>
<li><a epub:type="cover" href="cover.xhtml">Cover</a></li>
<li><a epub:type="toc" href="#toc">Contents</a></li>
<li><a epub:type="bodymatter" href="text.xhtml">Start of text</a></li>
<li><a epub:type="bibliography" href="bibliography.xhtml">Works Cited</a></li>
</ol>
</nav>
</body>
</html>
`,
  "OEBPS/toc.ncx": `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="en-GB">
  <head>
    <meta name="dtb:uid" content="urn:uuid:e940b7ee-46e2-522d-b560-b630eec1d6cb"/>
    <meta name="dtb:depth" content="2"/>
    <meta name="dtb:totalPageCount" content="0"/>
    <meta name="dtb:maxPageNumber" content="0"/>
  </head>
  <docTitle><text>The Start</text></docTitle>
  <docAuthor><text>Ada Lovelace</text></docAuthor>
  <docAuthor><text>Bea Webb</text></docAuthor>
  <navMap>
    <navPoint id="navpoint-1" playOrder="1">
      <navLabel><text>Part I: The Start</text></navLabel>
      <content src="text.xhtml"/>
    </navPoint>
    <navPoint id="navpoint-2" playOrder="2">
      <navLabel><text>First &#x26; Second</text></navLabel>
      <content src="text.xhtml#first--second"/>
      <navPoint id="navpoint-3" playOrder="3">
        <navLabel><text>Deeper</text></navLabel>
        <content src="text.xhtml#deeper"/>
      </navPoint>
    </navPoint>
    <navPoint id="navpoint-4" playOrder="4">
      <navLabel><text>Questions for discussion</text></navLabel>
      <content src="text.xhtml#questions"/>
    </navPoint>
    <navPoint id="navpoint-5" playOrder="5">
      <navLabel><text>Works Cited</text></navLabel>
      <content src="bibliography.xhtml"/>
    </navPoint>
  </navMap>
</ncx>
`,
  "OEBPS/cover.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en-GB" xml:lang="en-GB">
<head>
<meta charset="utf-8"/>
<title>Part I: The Start</title>
<link rel="stylesheet" type="text/css" href="styles/epub.css"/>
</head>
<body epub:type="cover" class="cover">
<div class="cover-image"><img src="cover.svg" alt="Red October. Part I: The Start. Ada Lovelace and Bea Webb" role="doc-cover"/></div>
</body>
</html>
`,
  "OEBPS/text.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en-GB" xml:lang="en-GB">
<head>
<meta charset="utf-8"/>
<title>Part I: The Start</title>
<link rel="stylesheet" type="text/css" href="styles/epub.css"/>
</head>
<body epub:type="bodymatter" class="text">
<header class="title-block">
<p class="series">Red October</p>
<h1 class="part-title"><span class="part-label">Part I:</span> <span class="title">The Start</span></h1>
<p class="author">Ada Lovelace and Bea Webb</p>
</header>
<section aria-labelledby="first--second">
<h2 id="first--second">First &#x26; Second</h2>

<p id="p1" data-pn="1">Text<a class="noteref" id="noteref-1" href="#note-1" data-note="1" epub:type="noteref" role="doc-noteref">1</a> and.<a class="noteref" id="noteref-2" href="#note-2" data-note="2" epub:type="noteref" role="doc-noteref">2</a></p>

<h3 id="deeper">Deeper</h3>

<p id="p2" data-pn="2">More.</p>
<aside id="note-1" epub:type="footnote" role="doc-footnote" class="footnote">
<p><a href="#noteref-1" role="doc-backlink" class="note-backlink">1.</a> A note.</p>
</aside>
<aside id="note-2" epub:type="footnote" role="doc-footnote" class="footnote citation-note">
<p><a href="#noteref-2" role="doc-backlink" class="note-backlink">2.</a> <span class="citation">Edward Hallett Carr, <i>The Bolshevik Revolution</i> (London: Macmillan, 1950), 3.</span></p>
</aside>



</section>
<section id="questions" class="questions" aria-labelledby="questions-title">
<h2 id="questions-title">Questions for discussion</h2>
<ol>
<li>Why?</li>
</ol>
</section>
</body>
</html>
`,
  "OEBPS/bibliography.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en-GB" xml:lang="en-GB">
<head>
<meta charset="utf-8"/>
<title>Works Cited</title>
<link rel="stylesheet" type="text/css" href="styles/epub.css"/>
</head>
<body epub:type="backmatter" class="backmatter">
<section epub:type="bibliography" role="doc-bibliography" class="bibliography" aria-labelledby="bibliography-title">
<h2 id="bibliography-title">Works Cited</h2>
<div class="csl-entry">Carr, Edward Hallett. <i>The Bolshevik Revolution</i>. London: Macmillan, 1950.</div>
</section>
<p class="next-part">Next: Part II: The Sequel</p>
</body>
</html>
`,
  "OEBPS/colophon.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en-GB" xml:lang="en-GB">
<head>
<meta charset="utf-8"/>
<title>Colophon</title>
<link rel="stylesheet" type="text/css" href="styles/epub.css"/>
</head>
<body epub:type="backmatter" class="backmatter">
<section class="colophon" epub:type="colophon" role="doc-colophon" aria-label="Colophon">
<p class="imprint-rights">CC BY-SA 4.0</p>
<p class="imprint-publisher">Reading Room</p>
</section>
</body>
</html>
`,
};
const ONE_NAMES = ["mimetype", "META-INF/container.xml", "OEBPS/package.opf", "OEBPS/nav.xhtml", "OEBPS/toc.ncx", "OEBPS/cover.xhtml", "OEBPS/cover.svg", "OEBPS/cover.png", "OEBPS/text.xhtml", "OEBPS/bibliography.xhtml", "OEBPS/colophon.xhtml", "OEBPS/styles/epub.css"];
const TWO: Record<string, string> = {
  "mimetype": `application/epub+zip`,
  "META-INF/container.xml": `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`,
  "OEBPS/package.opf": `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="de">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="pub-id">urn:isbn:9783161484100</dc:identifier>
    <dc:identifier id="isbn">urn:isbn:9783161484100</dc:identifier>
    <meta refines="#isbn" property="identifier-type" scheme="onix:codelist5">15</meta>
    <dc:title id="title">Anfang</dc:title>
    <meta refines="#title" property="title-type">main</meta>
    <dc:language>de</dc:language>
    <meta property="dcterms:modified">2021-05-06T07:08:09Z</meta>
    <meta property="belongs-to-collection" id="c01">Rote Fahne</meta>
    <meta refines="#c01" property="collection-type">series</meta>
    <meta refines="#c01" property="group-position">1</meta>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessMode">visual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityFeature">readingOrder</meta>
    <meta property="schema:accessibilityFeature">ARIA</meta>
    <meta property="schema:accessibilityFeature">displayTransformability</meta>
    <meta property="schema:accessibilityFeature">alternativeText</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary" xml:lang="en">This publication is structured with headings, a table of contents and landmarks, and follows a single reading order. Notes are linked from their reference in the text and link back to it. The cover and all images have text alternatives. Text size, fonts and colours can be changed in the reading system.</meta>
    <meta name="cover" content="cover-image"/>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
    <item id="cover-svg" href="cover.svg" media-type="image/svg+xml"/>
    <item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>
    <item id="text" href="text.xhtml" media-type="application/xhtml+xml"/>
    <item id="colophon" href="colophon.xhtml" media-type="application/xhtml+xml"/>
    <item id="css" href="styles/epub.css" media-type="text/css"/>
    <item id="img-1" href="media/images/a.png" media-type="image/png"/>
  </manifest>
  <spine toc="ncx">
    <itemref idref="cover"/>
    <itemref idref="nav"/>
    <itemref idref="text"/>
    <itemref idref="colophon"/>
  </spine>
  <guide>
    <reference type="cover" title="Umschlag" href="cover.xhtml"/>
    <reference type="toc" title="Inhalt" href="nav.xhtml"/>
    <reference type="text" title="Textbeginn" href="text.xhtml"/>
  </guide>
</package>
`,
  "OEBPS/nav.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="de" xml:lang="de">
<head>
<meta charset="utf-8"/>
<title>Inhalt</title>
<link rel="stylesheet" type="text/css" href="styles/epub.css"/>
</head>
<body class="nav">
<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
<h1 id="toc-title">Inhalt</h1>
<ol>
<li><a href="text.xhtml">Teil I: Anfang</a></li>
</ol>
</nav>
<nav epub:type="landmarks" id="landmarks" hidden="">
<h2>Orientierungspunkte</h2>
<ol>
<li><a epub:type="cover" href="cover.xhtml">Umschlag</a></li>
<li><a epub:type="toc" href="#toc">Inhalt</a></li>
<li><a epub:type="bodymatter" href="text.xhtml">Textbeginn</a></li>
</ol>
</nav>
</body>
</html>
`,
  "OEBPS/toc.ncx": `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="de">
  <head>
    <meta name="dtb:uid" content="urn:isbn:9783161484100"/>
    <meta name="dtb:depth" content="1"/>
    <meta name="dtb:totalPageCount" content="0"/>
    <meta name="dtb:maxPageNumber" content="0"/>
  </head>
  <docTitle><text>Anfang</text></docTitle>
  <navMap>
    <navPoint id="navpoint-1" playOrder="1">
      <navLabel><text>Teil I: Anfang</text></navLabel>
      <content src="text.xhtml"/>
    </navPoint>
  </navMap>
</ncx>
`,
  "OEBPS/cover.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="de" xml:lang="de">
<head>
<meta charset="utf-8"/>
<title>Teil I: Anfang</title>
<link rel="stylesheet" type="text/css" href="styles/epub.css"/>
</head>
<body epub:type="cover" class="cover">
<div class="cover-image"><img src="cover.svg" alt="Rote Fahne. Teil I: Anfang" role="doc-cover"/></div>
</body>
</html>
`,
  "OEBPS/text.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="de" xml:lang="de">
<head>
<meta charset="utf-8"/>
<title>Teil I: Anfang</title>
<link rel="stylesheet" type="text/css" href="styles/epub.css"/>
</head>
<body epub:type="bodymatter" class="text">
<header class="title-block">
<p class="series">Rote Fahne</p>
<h1 class="part-title"><span class="part-label">Teil I:</span> <span class="title">Anfang</span></h1>
</header>
<p id="p1" data-pn="1">Ein „Text“<a class="noteref" id="noteref-1" href="#note-1" data-note="1" epub:type="noteref" role="doc-noteref">1</a> und wieder<a class="noteref noteref-repeat" id="noteref-1-2" href="#note-1" data-note="1" epub:type="noteref" role="doc-noteref">1</a>.</p>

<figure class="figure">
<img src="media/images/a.png" alt="Ein Bild"/><figcaption>Bild</figcaption>
</figure>
<aside id="note-1" epub:type="footnote" role="doc-footnote" class="footnote">
<p><span class="note-number">1.</span> <a href="#noteref-1" role="doc-backlink" class="note-backlink" aria-label="Zurück zum Verweis a">a</a> <a href="#noteref-1-2" role="doc-backlink" class="note-backlink" aria-label="Zurück zum Verweis b">b</a> Eine Notiz.</p>
</aside>

<p class="next-part">Weiter: <a href="https://example.org/rf/rote-fahne-2.epub">Teil II: Fortsetzung</a></p>
</body>
</html>
`,
  "OEBPS/colophon.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="de" xml:lang="de">
<head>
<meta charset="utf-8"/>
<title>Impressum</title>
<link rel="stylesheet" type="text/css" href="styles/epub.css"/>
</head>
<body epub:type="backmatter" class="backmatter">
<section class="colophon" epub:type="colophon" role="doc-colophon" aria-label="Impressum">
<p class="imprint-isbn">ISBN 978-3-16-148410-0</p>
</section>
</body>
</html>
`,
};
const TWO_NAMES = ["mimetype", "META-INF/container.xml", "OEBPS/package.opf", "OEBPS/nav.xhtml", "OEBPS/toc.ncx", "OEBPS/cover.xhtml", "OEBPS/cover.svg", "OEBPS/cover.png", "OEBPS/text.xhtml", "OEBPS/colophon.xhtml", "OEBPS/styles/epub.css", "OEBPS/media/images/a.png"];

/** The files' text, the binary ones (images, cover) and the style sheet left out. */
const texts = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([name]) => !/\.(css|svg|png)$/.test(name)));

describe('an EPUB with authors, a bibliography, questions and a rights line', () => {
  test('every file, literally', () => {
    const files = epubOf(load({
      'pamphlet.yaml': 'series: Red October\nauthors: [Ada Lovelace, Bea Webb]\npublisher: Reading Room\nbibliography: refs.bib\nlang: en-GB\nrights: CC BY-SA 4.0\n',
      'refs.bib': BIB,
      'part-1.md': part('title: The Start\npart: 1\ndate: 2017-11-07', '## First & Second\n\nText[^a] and :cite[carr1950]{locator="p. 3"}.\n\n[^a]: A note.\n\n### Deeper\n\nMore.\n\n:::questions\n1. Why?\n:::\n'),
      'part-2.md': part('title: The Sequel\npart: 2\nnext: false', 'Two.\n'),
    }), 0);
    expect(Object.keys(files)).toEqual(ONE_NAMES);
    // The mimetype first, stored as the standard wants; the style sheet is the one given.
    expect(files['OEBPS/styles/epub.css']).toBe('p{}');
    expect(texts(files)).toEqual(ONE);
  });
});

describe('an EPUB in German with an ISBN, its own identifier and date, a picture, a note called twice, a linked Next:', () => {
  test('every file, literally', () => {
    const files = epubOf(load({
      'pamphlet.yaml': 'series: Rote Fahne\nlang: de\nbase-url: https://example.org/rf/\nisbn: { epub: 978-3-16-148410-0 }\n',
      'images/a.png': PNG_1x1,
      'part-1.md': part('title: Anfang\npart: 1\nidentifier: urn:isbn:9783161484100\nmodified: 2021-05-06T07:08:09Z', 'Ein „Text“[^a] und wieder[^a].\n\n![Ein Bild](images/a.png "Bild")\n\n[^a]: Eine Notiz.\n'),
      'part-2.md': part('title: Fortsetzung\npart: 2', 'Zwei.\n'),
    }, {}), 0);
    expect(Object.keys(files)).toEqual(TWO_NAMES);
    expect(files['OEBPS/media/images/a.png']).toBe(`${PNG_1x1.length} bytes`);
    expect(texts(files)).toEqual(TWO);
  });
});

// The print edition's pages in the EPUB: a marker where each numbered page begins (before a
// heading, after a word the page broke, before the questions' heading), the page-list in
// the nav document and the NCX in reading order, and the package saying where the pages come from.
const PAGED: Record<string, string> = {
  "OEBPS/package.opf": `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="en-GB">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="pub-id">urn:uuid:e4173b90-b6f4-50bc-b007-ce569896e80c</dc:identifier>
    <dc:title id="title">Pages</dc:title>
    <meta refines="#title" property="title-type">main</meta>
    <dc:language>en-GB</dc:language>
    <dc:source id="print-source">Pages (Red October, Part I), print edition, A5</dc:source>
    <meta refines="#print-source" property="source-of">pagination</meta>
    <meta property="dcterms:modified">2020-01-02T03:04:05Z</meta>
    <meta property="belongs-to-collection" id="c01">Red October</meta>
    <meta refines="#c01" property="collection-type">series</meta>
    <meta refines="#c01" property="group-position">1</meta>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessMode">visual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityFeature">readingOrder</meta>
    <meta property="schema:accessibilityFeature">ARIA</meta>
    <meta property="schema:accessibilityFeature">displayTransformability</meta>
    <meta property="schema:accessibilityFeature">alternativeText</meta>
    <meta property="schema:accessibilityFeature">printPageNumbers</meta>
    <meta property="schema:accessibilityFeature">pageBreakMarkers</meta>
    <meta property="schema:accessibilityFeature">pageNavigation</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary" xml:lang="en">This publication is structured with headings, a table of contents and landmarks, and follows a single reading order. The page breaks of the print edition (Pages (Red October, Part I), print edition, A5) are marked in the text and listed in a page list, so a page number finds the same place as in the printed copy. The cover and all images have text alternatives. Text size, fonts and colours can be changed in the reading system.</meta>
    <meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>
    <meta name="cover" content="cover-image"/>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
    <item id="cover-svg" href="cover.svg" media-type="image/svg+xml"/>
    <item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>
    <item id="text" href="text.xhtml" media-type="application/xhtml+xml"/>
    <item id="css" href="styles/epub.css" media-type="text/css"/>
  </manifest>
  <spine toc="ncx">
    <itemref idref="cover"/>
    <itemref idref="nav"/>
    <itemref idref="text"/>
  </spine>
  <guide>
    <reference type="cover" title="Cover" href="cover.xhtml"/>
    <reference type="toc" title="Contents" href="nav.xhtml"/>
    <reference type="text" title="Start of text" href="text.xhtml"/>
  </guide>
</package>
`,
  "OEBPS/nav.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en-GB" xml:lang="en-GB">
<head>
<meta charset="utf-8"/>
<title>Contents</title>
<link rel="stylesheet" type="text/css" href="styles/epub.css"/>
</head>
<body class="nav">
<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
<h1 id="toc-title">Contents</h1>
<ol>
<li><a href="text.xhtml">Part I: Pages</a></li>
<li><a href="text.xhtml#opening">Opening</a></li>
<li><a href="text.xhtml#questions">Questions for discussion</a></li>
</ol>
</nav>
<nav epub:type="landmarks" id="landmarks" hidden="">
<h2>Landmarks</h2>
<ol>
<li><a epub:type="cover" href="cover.xhtml">Cover</a></li>
<li><a epub:type="toc" href="#toc">Contents</a></li>
<li><a epub:type="bodymatter" href="text.xhtml">Start of text</a></li>
</ol>
</nav>
<nav epub:type="page-list" role="doc-pagelist" id="page-list" hidden="" aria-labelledby="page-list-title">
<h2 id="page-list-title">Pages of the print edition</h2>
<ol>
<li><a href="text.xhtml#page-3">3</a></li>
<li><a href="text.xhtml#page-4">4</a></li>
<li><a href="text.xhtml#page-v">v</a></li>
</ol>
</nav>
</body>
</html>
`,
  "OEBPS/toc.ncx": `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="en-GB">
  <head>
    <meta name="dtb:uid" content="urn:uuid:e4173b90-b6f4-50bc-b007-ce569896e80c"/>
    <meta name="dtb:depth" content="1"/>
    <meta name="dtb:totalPageCount" content="3"/>
    <meta name="dtb:maxPageNumber" content="4"/>
  </head>
  <docTitle><text>Pages</text></docTitle>
  <navMap>
    <navPoint id="navpoint-1" playOrder="1">
      <navLabel><text>Part I: Pages</text></navLabel>
      <content src="text.xhtml"/>
    </navPoint>
    <navPoint id="navpoint-2" playOrder="3">
      <navLabel><text>Opening</text></navLabel>
      <content src="text.xhtml#opening"/>
    </navPoint>
    <navPoint id="navpoint-3" playOrder="5">
      <navLabel><text>Questions for discussion</text></navLabel>
      <content src="text.xhtml#questions"/>
    </navPoint>
  </navMap>
  <pageList>
    <navLabel><text>Pages of the print edition</text></navLabel>
    <pageTarget id="pagetarget-1" type="normal" value="3" playOrder="2">
      <navLabel><text>3</text></navLabel>
      <content src="text.xhtml#page-3"/>
    </pageTarget>
    <pageTarget id="pagetarget-2" type="normal" value="4" playOrder="4">
      <navLabel><text>4</text></navLabel>
      <content src="text.xhtml#page-4"/>
    </pageTarget>
    <pageTarget id="pagetarget-3" type="normal" playOrder="6">
      <navLabel><text>v</text></navLabel>
      <content src="text.xhtml#page-v"/>
    </pageTarget>
  </pageList>
</ncx>
`,
  "OEBPS/text.xhtml": `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en-GB" xml:lang="en-GB">
<head>
<meta charset="utf-8"/>
<title>Part I: Pages</title>
<link rel="stylesheet" type="text/css" href="styles/epub.css"/>
</head>
<body epub:type="bodymatter" class="text">
<header class="title-block">
<p class="series">Red October</p>
<h1 class="part-title"><span class="part-label">Part I:</span> <span class="title">Pages</span></h1>
</header>
<section aria-labelledby="opening">
<span epub:type="pagebreak" role="doc-pagebreak" id="page-3" aria-label="3"></span><h2 id="opening">Opening</h2>

<p id="p1" data-pn="1">The first paragraph of the text runs on here.</p>

<p id="p2" data-pn="2">A second paragraph, and a word broken <span epub:type="pagebreak" role="doc-pagebreak" id="page-4" aria-label="4"></span>across pages.</p>

</section>
<section id="questions" class="questions" aria-labelledby="questions-title">
<span epub:type="pagebreak" role="doc-pagebreak" id="page-v" aria-label="v"></span><h2 id="questions-title">Questions for discussion</h2>
<ol>
<li>Why?</li>
</ol>
</section>
</body>
</html>
`,
};

describe('an EPUB paginated like its print edition', () => {
  test('the package, the navigation and the text, literally', () => {
    const files = epubOf(load({
      'pamphlet.yaml': 'series: Red October\nlang: en-GB\n',
      'part-1.md': part('title: Pages\npart: 1\nnext: false', '## Opening\n\nThe first paragraph of the text runs on here.\n\nA second paragraph, and a word broken across pages.\n\n:::questions\n1. Why?\n:::\n'),
    }), 0, {
      css: 'p{}',
      printPages: [
        { number: null, start: null },
        { number: '3', start: { anchor: 'h2@7:1', letters: 0, text: 'Opening' } },
        // Inside "broken": the marker goes after the word, before "across".
        { number: '4', start: { anchor: 'p@11:1', letters: 27, text: 'oken' } },
        { number: 'v', start: { anchor: 'questions-title', letters: 0, text: 'Questions' } },
      ],
    });
    expect(Object.keys(files)).toEqual(["mimetype", "META-INF/container.xml", "OEBPS/package.opf", "OEBPS/nav.xhtml", "OEBPS/toc.ncx", "OEBPS/cover.xhtml", "OEBPS/cover.svg", "OEBPS/cover.png", "OEBPS/text.xhtml", "OEBPS/styles/epub.css"]);
    expect(Object.fromEntries(Object.keys(PAGED).map((name) => [name, files[name]]))).toEqual(PAGED);
  });
});

describe('an EPUB whose pamphlet.yaml fills in the imprint', () => {
  test('the package’s metadata, literally: ISBNs, subtitle, description, subjects, source, the publisher certifying', () => {
    const files = epubOf(load({
      'pamphlet.yaml': 'series: Red October\nsubtitle: A Study\npublisher: Reading Room\nlang: en-GB\nisbn: { epub: "ISBN-13: 978-3-16-148410-0", print: 978-1-4028-9462-6 }\ndescription: What a bookseller reads.\nsubjects: [History, Marxism]\nsource: https://example.org/original\n',
      'part-1.md': part('title: Imprint\npart: 1\nnext: false', 'Text.\n'),
    }), 0, { css: 'p{}', printPages: [{ number: null, start: null }, { number: '1', start: { anchor: 'p@7:1', letters: 0, text: 'Text' } }] });
    const opf = files['OEBPS/package.opf'] ?? '';
    expect(opf.slice(opf.indexOf('  <metadata'), opf.indexOf('  </metadata>') + '  </metadata>'.length)).toBe(`  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="pub-id">urn:uuid:e4173b90-b6f4-50bc-b007-ce569896e80c</dc:identifier>
    <dc:identifier id="isbn">urn:isbn:9783161484100</dc:identifier>
    <meta refines="#isbn" property="identifier-type" scheme="onix:codelist5">15</meta>
    <dc:title id="title">Imprint</dc:title>
    <meta refines="#title" property="title-type">main</meta>
    <dc:title id="subtitle">A Study</dc:title>
    <meta refines="#subtitle" property="title-type">subtitle</meta>
    <dc:publisher>Reading Room</dc:publisher>
    <dc:description>What a bookseller reads.</dc:description>
    <dc:subject>History</dc:subject>
    <dc:subject>Marxism</dc:subject>
    <dc:source>https://example.org/original</dc:source>
    <dc:language>en-GB</dc:language>
    <dc:source id="print-source">urn:isbn:9781402894626</dc:source>
    <meta refines="#print-source" property="source-of">pagination</meta>
    <meta property="dcterms:modified">2020-01-02T03:04:05Z</meta>
    <meta property="belongs-to-collection" id="c01">Red October</meta>
    <meta refines="#c01" property="collection-type">series</meta>
    <meta refines="#c01" property="group-position">1</meta>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessMode">visual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityFeature">readingOrder</meta>
    <meta property="schema:accessibilityFeature">ARIA</meta>
    <meta property="schema:accessibilityFeature">displayTransformability</meta>
    <meta property="schema:accessibilityFeature">alternativeText</meta>
    <meta property="schema:accessibilityFeature">printPageNumbers</meta>
    <meta property="schema:accessibilityFeature">pageBreakMarkers</meta>
    <meta property="schema:accessibilityFeature">pageNavigation</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary" xml:lang="en">This publication is structured with headings, a table of contents and landmarks, and follows a single reading order. The page breaks of the print edition (Imprint (Red October, Part I), print edition, A5, ISBN 978-1-4028-9462-6) are marked in the text and listed in a page list, so a page number finds the same place as in the printed copy. The cover and all images have text alternatives. Text size, fonts and colours can be changed in the reading system.</meta>
    <meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>
    <meta property="a11y:certifiedBy">Reading Room</meta>
    <meta name="cover" content="cover-image"/>
  </metadata>`);
  });
});

describe('an EPUB in German with headings at three depths and a bibliography', () => {
  test('the contents, literally: an h3 before any h2 on its own, an h4 left out, the bibliography’s landmark in the book’s language', () => {
    const files = epubOf(load({
      'pamphlet.yaml': 'series: Rote Fahne\nlang: de\nbibliography: refs.bib\n',
      'refs.bib': BIB,
      'part-1.md': part('title: Gliederung\npart: 1\nnext: false', '### Vorweg\n\nEins.\n\n## Erster Teil\n\nZwei.\n\n#### Zu tief\n\nDrei.\n\n### Unterteil\n\nVier :cite[carr1950].\n\n## Zweiter Teil\n\nFünf.\n'),
    }), 0);
    expect(files['OEBPS/nav.xhtml']).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="de" xml:lang="de">
<head>
<meta charset="utf-8"/>
<title>Inhalt</title>
<link rel="stylesheet" type="text/css" href="styles/epub.css"/>
</head>
<body class="nav">
<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
<h1 id="toc-title">Inhalt</h1>
<ol>
<li><a href="text.xhtml">Teil I: Gliederung</a></li>
<li><a href="text.xhtml#vorweg">Vorweg</a></li>
<li>
<a href="text.xhtml#erster-teil">Erster Teil</a><ol>
<li><a href="text.xhtml#unterteil">Unterteil</a></li>
</ol>
</li>
<li><a href="text.xhtml#zweiter-teil">Zweiter Teil</a></li>
<li><a href="bibliography.xhtml">Literaturverzeichnis</a></li>
</ol>
</nav>
<nav epub:type="landmarks" id="landmarks" hidden="">
<h2>Orientierungspunkte</h2>
<ol>
<li><a epub:type="cover" href="cover.xhtml">Umschlag</a></li>
<li><a epub:type="toc" href="#toc">Inhalt</a></li>
<li><a epub:type="bodymatter" href="text.xhtml">Textbeginn</a></li>
<li><a epub:type="bibliography" href="bibliography.xhtml">Literaturverzeichnis</a></li>
</ol>
</nav>
</body>
</html>
`);
  });
});
