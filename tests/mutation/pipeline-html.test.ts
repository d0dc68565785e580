// Raw HTML in a part (src/pipeline/remark-raw-html.ts, rehype-sanitize.ts), in process:
// each refusal at the exact column of its tag, in words an author understands, and the
// inline markup that is allowed kept as written.
import { describe, expect, test } from 'vitest';
import { body, onePart, onePartRefused } from './helpers.js';

const INLINE = '<sup> <sub> <br> <wbr> <small> <mark> <kbd> <u> <s> <q> <cite> <b> <i> <em> <strong> <code> <del> <ins> <var> <samp> <bdi> <abbr> <dfn> <span> <time> <bdo> <a>';

describe('raw HTML', () => {
  test('each refused tag, attribute, style and link at its own column', () => {
    expect(onePartRefused('Text <script>x</script> here and <b onclick="x()">b</b>, <span style="position: fixed">s</span>, <a href="javascript:alert(1)">j</a>, <a href="other.md">o</a>, <span data-x="1">d</span>, <iframe></iframe>.\n\n<div>\nblock\n</div>\n')).toEqual([
      `part-1.md:6:6: error: <script> is not allowed in a manuscript: the renderer never runs or loads embedded content (inline HTML may use ${INLINE})`,
      "part-1.md:6:34: error: event-handler attribute `onclick` is not allowed: the renderer never runs a manuscript's scripts",
      'part-1.md:6:58: error: style refused: the property `position` (allowed: color, background-color, font-style, font-weight, font-variant, font-variant-caps, font-variant-numeric, font-variant-ligatures, font-feature-settings, font-kerning, text-decoration, text-decoration-line, text-decoration-style, text-decoration-color, text-transform, letter-spacing, word-spacing, vertical-align, white-space, font-size)',
      'part-1.md:6:98: error: link refused: `javascript:` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)',
      'part-1.md:6:135: error: link to `other.md` in raw HTML: write it as a Markdown link, [text](other.md), so it can be checked and placed',
      // The attribute as the author wrote it (it read `datax` before).
      'part-1.md:6:161: error: attribute `data-x` is not allowed on <span> (allowed: lang, dir, title, style)',
      `part-1.md:6:188: error: <iframe> is not allowed in a manuscript: the renderer never runs or loads embedded content (inline HTML may use ${INLINE})`,
      'part-1.md:8:1: error: raw HTML blocks are not allowed: raw HTML is for inline markup only (use Markdown or a directive)',
    ]);
  });

  test('allowed inline markup is kept as written', () => {
    expect(body(onePart('A <em>b</em> <span lang="ru">печатники</span> <sup>2</sup> <abbr title="Union">USSR</abbr>.\n').doc)).toBe(
      '<p id="p1" data-pn="1">A <em>b</em> <span lang="ru">печатники</span> <sup>2</sup> <abbr title="Union">USSR</abbr>.</p>',
    );
  });
});
