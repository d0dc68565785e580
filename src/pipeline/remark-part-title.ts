/**
 * The part's title is the front matter's `title:`; every format prints it in its own
 * title block. A first-level heading that repeats it (authors coming from other tools
 * often start with `# Title`) is dropped, so the title is not printed twice or nested
 * under itself in the contents; its words are kept, so that the links the author wrote
 * to it land on the title (rehype-heading-ids.ts). The remaining headings are shifted so the top level
 * of the text is `h2` under the part title's `h1`, whichever level the author began at.
 */
import type { Heading, Root } from 'mdast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { toRoman } from '../roman.js';

export default function remarkPartTitle() {
  return (tree: Root, file: VFile): void => {
    const title = file.data.meta?.title ?? file.data.frontmatter?.title;
    const first = tree.children.find((node): node is Heading => node.type === 'heading');
    const meta = file.data.meta;
    // "Teil I: …" as printed in a German book, or "Part I: …" as authors write anywhere.
    const labels = meta ? [meta.partLabel, `Part ${toRoman(meta.part)}`] : [];
    if (title && first?.depth === 1 && sameTitle(toString(first), title, labels)) {
      tree.children.splice(tree.children.indexOf(first), 1);
      file.data.titleHeading = toString(first);
      if (first.position?.start.offset !== undefined) file.data.titleHeadingOffset = first.position.start.offset;
    }
    let top = 6;
    visit(tree, 'heading', (node: Heading) => {
      // An empty heading is left out later (rehype-heading-ids.ts): it sets no level.
      if (toString(node).trim()) top = Math.min(top, node.depth);
    });
    const shift = Math.max(0, 2 - top);
    if (shift === 0) return;
    visit(tree, 'heading', (node: Heading) => {
      node.depth = Math.min(6, node.depth + shift) as Heading['depth'];
    });
  };
}

/** Equal up to case, spacing, punctuation and a leading "Part I:" label. */
function sameTitle(heading: string, title: string, partLabels: readonly string[]): boolean {
  const norm = (text: string) =>
    text.normalize('NFKC').toLocaleLowerCase().replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim();
  const wanted = norm(title);
  const got = norm(heading);
  if (got === wanted) return true;
  return partLabels.some((label) => got === norm(`${label} ${title}`));
}
