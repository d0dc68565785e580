/**
 * remark-directive reads any `:word` as a text directive, so "at 10:30",
 * `localhost:8080` and "Note:this" would become directives named `30`, `8080` and
 * `this`. Only `:name[…]` and `:name{…}` are directives in a manuscript; a bare
 * `:name` goes back to the text it was.
 */
import type { Parent, Root, Text } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';

export default function remarkLiteralColons() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    visit(tree, 'textDirective', (node: TextDirective, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const written = source.slice(start, end);
      if (written !== `:${node.name}`) return;
      const text: Text = { type: 'text', value: written, position: node.position };
      parent.children.splice(index, 1, text as Parent['children'][number]);
      mergeTextAround(parent, index);
      return [SKIP, index];
    });
  };
}

/** Joins the text node at `index` with text neighbours, so later passes see one run. */
function mergeTextAround(parent: Parent, index: number): void {
  const here = parent.children[index] as Text;
  const after = parent.children[index + 1];
  if (after?.type === 'text') {
    here.value += after.value;
    if (here.position && after.position) here.position = { start: here.position.start, end: after.position.end };
    parent.children.splice(index + 1, 1);
  }
  const before = parent.children[index - 1];
  if (before?.type === 'text') {
    before.value += here.value;
    if (before.position && here.position) before.position = { start: before.position.start, end: here.position.end };
    parent.children.splice(index, 1);
  }
}
