/**
 * rehype-raw, run only on parts that have inline HTML: re-parsing a whole part
 * through parse5 is a sixth of a long series' pipeline time, and most parts have none.
 * What raw HTML may say was decided before (remark-raw-html.ts); this only turns it
 * into elements.
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import rehypeRaw from 'rehype-raw';
import { EXIT, visit } from 'unist-util-visit';

export default function rehypeRawWhenPresent() {
  const parse = rehypeRaw();
  return (tree: Root, file: VFile): Root => {
    let found = false;
    visit(tree, 'raw', () => {
      found = true;
      return EXIT;
    });
    return found ? parse(tree, file) : tree;
  };
}
