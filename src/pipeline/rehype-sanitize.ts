/**
 * The second line of defence: after remark-rehype and rehype-raw, the whole tree —
 * text, notes, questions, formatted citations, the author's inline HTML — is cleaned
 * with hast-util-sanitize and an allow-list of exactly the elements and attributes
 * pamphlet produces. remark-raw-html.ts has already refused, with positions, whatever
 * an author wrote outside it; this pass guarantees that nothing else (a bug, a CSL
 * style, a bibliography field) can bring a script, a handler or a remote URL into any
 * output. `style` survives only where the CSS policy accepts it.
 */
import type { Element, Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { visit } from 'unist-util-visit';
import { checkInlineStyle } from './css-policy.js';
import { classifyUrl } from './url-policy.js';
import { embeddedImage, isDataUrl } from '../files/embedded-image.js';
import { GLOBAL_ATTRIBUTES, INLINE_HTML } from './remark-raw-html.js';

/** What mdast-util-to-hast makes of CommonMark and GFM, and what our plugins add. */
const GENERATED: Record<string, Schema['attributes'] extends Record<string, infer V> | null | undefined ? V : never> = {
  p: [['className', 'next-part', 'callout-title', 'verse', 'code-title']],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  blockquote: [], hr: [], br: [],
  ul: [['className', 'contains-task-list']],
  ol: ['start', ['className', 'contains-task-list']],
  li: [['className', 'task-list-item']],
  input: [['type', 'checkbox'], ['disabled', true], 'checked'],
  pre: [],
  code: [['className', /^language-[\w+#.-]+$/]],
  em: [], strong: [], del: [], sup: [], sub: [], i: [], b: [], small: [],
  a: ['href', 'title', 'dataNote', ['className', 'noteref', 'noteref-repeat', 'next-part']],
  img: ['src', 'alt', 'title'],
  table: [], caption: [], thead: [], tbody: [], tfoot: [], tr: [],
  // Spans come from grid tables (grid-tables.ts).
  th: [['align', 'left', 'center', 'right'], 'colSpan', 'rowSpan'],
  td: [['align', 'left', 'center', 'right'], 'colSpan', 'rowSpan'],
  figure: [['className', 'quote', 'figure']],
  figcaption: [],
  // Definition lists (remark-parse-gfm.ts).
  dl: [], dt: [], dd: [],
  cite: [],
  div: [['role', 'note'], ['className', 'callout', 'callout-note', 'callout-tip', 'callout-important', 'callout-warning', 'callout-caution', 'callout-info', 'callout-danger', 'pagebreak', 'math-display', 'math-numbered', 'csl-entry', 'csl-bib-body', 'csl-left-margin', 'csl-right-inline', 'csl-indent', 'csl-block'], 'dataNote', ['dataKind', 'footnote', 'citation'], 'dataCalls'],
  span: [['className', 'citation', 'nocase', 'smallcaps', 'equation-number', 'math-numbered']],
  section: [['dataPamphletStore', 'notes', 'questions', 'bibliography'], 'dataTitle'],
};

/**
 * What Temml makes of TeX (remark-math.ts): MathML's presentation elements, with the attributes
 * that set a formula out, its classes (their rules are in page-css.ts) and its TeX as the
 * annotation and `alttext`. No `href`: Temml runs untrusted, and a link in a formula is refused.
 */
const MATHML_ELEMENTS = [
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'mpadded', 'mphantom', 'mstyle',
  'mfrac', 'msqrt', 'mroot', 'msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover', 'mmultiscripts', 'mprescripts',
  'none', 'mtable', 'mtr', 'mtd', 'menclose', 'merror',
];
type PropertyDefinitions = NonNullable<Schema['attributes']>[string];
const MATHML_ATTRIBUTES: PropertyDefinitions = [
  'accent', 'accentunder', 'columnalign', 'columnspan', 'depth', 'displaystyle', 'fence', 'form', 'height', 'largeop', 'linebreak',
  'linethickness', 'lspace', 'mathbackground', 'mathcolor', 'mathsize', 'mathvariant', 'maxsize', 'minsize', 'movablelimits',
  'notation', 'rowspacing', 'columnspacing', 'rowspan', 'rspace', 'scriptlevel', 'separator', 'stretchy', 'symmetric', 'voffset', 'width', 'style',
  ['className', /^tml-[\w-]+$/, 'mathscr', 'mord'],
];
const MATHML_ROOT: PropertyDefinitions = [['xmlns', 'http://www.w3.org/1998/Math/MathML'], ['display', 'block', 'inline'], 'alttext'];

function schema(): Schema {
  const attributes: NonNullable<Schema['attributes']> = { '*': ['id', 'lang', 'dir'] };
  for (const [tag, list] of Object.entries(GENERATED)) attributes[tag] = [...list];
  for (const tag of MATHML_ELEMENTS) attributes[tag] = [...MATHML_ATTRIBUTES];
  attributes['math'] = [...MATHML_ATTRIBUTES, ...MATHML_ROOT];
  attributes['annotation'] = [['encoding', 'application/x-tex']];
  for (const [tag, list] of Object.entries(INLINE_HTML)) {
    attributes[tag] = [...(attributes[tag] ?? []), ...list, ...GLOBAL_ATTRIBUTES];
  }
  return {
    tagNames: [...new Set([...Object.keys(GENERATED), ...Object.keys(INLINE_HTML), ...MATHML_ELEMENTS])],
    attributes,
    // An empty list here would allow every protocol: `src` is left to the URL policy below.
    protocols: { href: ['http', 'https', 'mailto'] },
    // Our ids are our own (¶ numbers, notes, headings); nothing to prefix.
    clobber: [],
    clobberPrefix: '',
    strip: ['script', 'style', 'template', 'noscript'],
    allowComments: false,
    allowDoctypes: false,
    ancestors: { tbody: ['table'], tfoot: ['table'], td: ['table'], th: ['table'], thead: ['table'], tr: ['table'], caption: ['table'] },
    // A task list's box, never a text field: GitHub's default schema does the same.
    required: { input: { type: 'checkbox', disabled: true } },
  };
}

const SCHEMA = schema();

export default function rehypeSanitize() {
  return (tree: Root): Root => {
    const clean = sanitize(tree, SCHEMA) as Root;
    visit(clean, 'element', (node: Element) => {
      // hast-util-sanitize lets any URL through a property whose protocol list is empty, and
      // takes `//host/x` for a relative one; the one URL policy decides instead: a link may
      // go to the web, an address or the book, an image only to a file of the book or to a
      // picture written into the text.
      for (const key of ['href', 'src'] as const) {
        const value = node.properties[key];
        if (value === undefined) continue;
        const url = typeof value === 'string' ? classifyUrl(value) : undefined;
        // A `data:` picture remark-safety.ts has judged whole (embedded-image.ts) may stay an image's source.
        const allowed = url !== undefined && (key === 'href' ? url.kind !== 'refused' : url.kind === 'relative' || (node.tagName === 'img' && typeof value === 'string' && isDataUrl(value) && embeddedImage(value).ok));
        if (!allowed) delete node.properties[key];
        // A raw <a href> as written may hold what a URI cannot (a space, `|`); Markdown's went through the policy already.
        else if (url.kind === 'web' || url.kind === 'mailto') node.properties[key] = url.href;
      }
      // Classes of which none is allowed leave an empty list, which would be `class=""`: XHTML
      // refuses it (epubcheck RSC-005), and Temml writes two classes of its own on `\dot`'s accent.
      if (Array.isArray(node.properties.className) && node.properties.className.length === 0) delete node.properties.className;
      const style = node.properties.style;
      if (style === undefined) return;
      if (typeof style !== 'string' || checkInlineStyle(style).length) delete node.properties.style;
    });
    return clean;
  };
}
