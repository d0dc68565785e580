/**
 * Lint `heading-skip`: a heading more than one level below the one before it
 * (`##` then `####`), which leaves a hole in the contents, the EPUB navigation and
 * the tagged PDF's outline. Runs after remark-part-title, on the levels as printed:
 * the part title is level 1, so the first heading of the text should be level 2.
 */
import type { Heading, Root } from 'mdast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

export default function lintHeadingLevels() {
  return (tree: Root, file: VFile): void => {
    let previous = 1;
    visit(tree, 'heading', (node: Heading) => {
      // An empty heading is left out (rehype-heading-ids.ts): the reader never sees its level.
      if (!toString(node).trim()) return;
      if (node.depth > previous + 1) {
        const hashes = (depth: number) => '#'.repeat(depth);
        file.message(`heading level skips from ${previous === 1 ? 'the part title' : `\`${hashes(previous)}\``} to \`${hashes(node.depth)}\`: use \`${hashes(previous + 1)}\``, {
          place: node.position,
          ruleId: 'heading-skip',
          source: 'pamphlet',
        });
      }
      previous = node.depth;
    });
  };
}
