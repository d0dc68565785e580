/**
 * remark-directive reads any `:word` as a text directive, so "at 10:30",
 * `localhost:8080` and "Note:this" would become directives named `30`, `8080` and
 * `this`. Only `:name[…]` and `:name{…}` are directives in a manuscript; a bare
 * `:name` goes back to the text it was.
 *
 * It goes back as the tree is built (a `fromMarkdown` extension after remark-directive's),
 * not after: a picture's alt text is made of its words there, once, and each bare `:name` in
 * it was a directive with no words, so `![Ratio 3:2 at a:b](…)` had the alt text "Ratio 3 at
 * a" until 2026-12-08 (bookdown's `![(\#fig:plot) A plot](…)` lost its label likewise). The
 * pass over the tree stays for a directive a later parse of part of the text makes.
 */
import type { Parent, Root, Text } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';

/** A text directive written bare, `:name`, as the text it was, joined to the text before it (the text after joins it as it is read). */
function exitBareDirective(this: CompileContext, token: Token): void {
  const node = this.stack[this.stack.length - 1] as unknown as TextDirective;
  this.exit(token);
  const written = this.sliceSerialize(token);
  if (written !== `:${node.name}`) return;
  const parent = this.stack[this.stack.length - 1] as unknown as Parent;
  const index = parent.children.length - 1;
  if (parent.children[index] !== node) return;
  parent.children[index] = { type: 'text', value: written, ...(node.position ? { position: node.position } : {}) } as Parent['children'][number];
  mergeTextAround(parent, index);
}

const BARE_DIRECTIVES: FromMarkdownExtension = { exit: { directiveText: exitBareDirective } };

export default function remarkLiteralColons(this: Processor) {
  const data = this.data();
  (data.fromMarkdownExtensions ??= []).push(BARE_DIRECTIVES);
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
