/**
 * Reference-style links and images (`[text][ref]`, `![alt][ref]` with `[ref]: url`)
 * become ordinary links and images here, at the place they are used, so that the URL
 * policy, the image checks and every renderer treat both forms the same way. A
 * definition's URL only matters where it is used; unused definitions render nothing.
 */
import type { Definition, Image, ImageReference, Link, LinkReference, Parent, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';

export default function remarkReferences() {
  return (tree: Root): void => {
    const definitions = new Map<string, Definition>();
    visit(tree, 'definition', (node: Definition) => {
      // CommonMark: the first definition of a label wins.
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
    });
    visit(tree, (node, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      if (node.type === 'definition') {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      if (node.type !== 'linkReference' && node.type !== 'imageReference') return;
      const reference = node as LinkReference | ImageReference;
      const definition = definitions.get(reference.identifier);
      // micromark only makes a reference node when the definition exists.
      if (!definition) return;
      const common = { url: definition.url, title: definition.title ?? null, position: reference.position };
      const replacement: Link | Image =
        reference.type === 'imageReference'
          ? { type: 'image', alt: reference.alt ?? '', ...common }
          : { type: 'link', children: reference.children, ...common };
      parent.children.splice(index, 1, replacement as Parent['children'][number]);
      return undefined;
    });
  };
}
