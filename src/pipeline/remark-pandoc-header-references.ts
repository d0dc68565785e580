/**
 * Pandoc's implicit header references: `[Templates]`, `[Templates][]` and `[the templates
 * section][Templates]` link to the heading "Templates" of the same part when no reference of
 * that name is defined. CommonMark leaves such brackets as text, so Pandoc's own manual printed
 * "see [Templates] below" some hundred times with the brackets and no link. The label is
 * compared as reference labels are (case and runs of blanks aside) with each heading's words
 * as written; the first heading of those words wins, as in Pandoc. The link goes to the
 * heading's written id (`{#id}`) or to its GitHub slug, which rehype-links.ts finds as it finds
 * an author's `[x](#slug)`. Brackets that name no heading stay as typed, and so does a full
 * reference whose label holds code (`[blocks][Extension: \`yaml_metadata_block\`]`), which the
 * bracket matcher does not read.
 */
import type { Heading, Link, Parent, Root } from 'mdast';
import type { VFile } from 'vfile';
import GithubSlugger from 'github-slugger';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { PHRASING_PARENTS, replaceBracketSpans } from './bracket-spans.js';

/** A reference label as Markdown compares one (micromark's own normalisation: blanks collapsed, case folded). */
const label = (text: string): string => normalizeIdentifier(text).toLowerCase();

/** `[]` or `[label]` right after the brackets: a collapsed or full reference. */
const REFERENCE_AFTER = /^\[([^\]]*)\]/;

/**
 * Whether some `[…]` of the source, as typed, names a heading: most parts have none, and then
 * their trees are not walked (x10's 186 pages: 16 ms when walked, cold).
 */
function namesAHeading(source: string, targets: ReadonlyMap<string, string>): boolean {
  // Innermost pairs, in one linear pass: a label holds no bracket.
  for (const [, inner = ''] of source.matchAll(/\[([^[\]]*)\]/g)) {
    // A label with marks, escapes or entities in it (`[*Templates*]`) is compared by its words after the parse: let the walk decide.
    if (/[*_`<&\\]/.test(inner) || targets.has(label(inner))) return true;
  }
  return false;
}

export default function remarkPandocHeaderReferences() {
  return (tree: Root, file: VFile): void => {
    const targets = new Map<string, string>();
    const slugger = new GithubSlugger();
    visit(tree, 'heading', (node: Heading) => {
      const words = toString(node);
      const slug = slugger.slug(words);
      const written = node.position?.start.offset !== undefined ? file.data.writtenHeadingIds?.get(node.position.start.offset) : undefined;
      const key = label(words);
      if (key && !targets.has(key)) targets.set(key, written ?? slug);
    });
    if (targets.size === 0) return;
    const source = String(file.value);
    if (!namesAHeading(source, targets)) return;
    visit(tree, (node) => {
      if (!PHRASING_PARENTS.has(node.type)) return;
      replaceBracketSpans(
        node as Parent,
        '[',
        (span) => {
          // `(`: a link CommonMark did not take; `{`: a span (remark-pandoc-spans.ts).
          if (/^[({]/.test(span.after)) return undefined;
          const reference = REFERENCE_AFTER.exec(span.after);
          const name = reference?.[1] ? reference[1] : toString({ type: 'paragraph', children: span.content });
          const target = targets.get(label(name));
          if (target === undefined) return undefined;
          const link: Link = { type: 'link', url: `#${target}`, children: span.content, ...(span.position ? { position: span.position } : {}) };
          return { nodes: [link], consumed: reference ? reference[0].length : 0 };
        },
        source,
      );
    });
  };
}
