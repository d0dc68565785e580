/**
 * An SVG image as the EPUB packages it: the file as drawn, mended only where epubcheck's SVG
 * 1.1 schema refuses what every browser draws. Five of the 271 flags of flag-icons (npm) made
 * an EPUB that failed epubcheck (tests/svg-images.test.ts); Pandoc packages them as they are,
 * and fails the same way. What is mended changes nothing that is drawn:
 * - on a shape (its children are never drawn), a presentation attribute that does not apply
 *   to shapes (`font-family`, `text-anchor`, `overflow`, …) is dropped: no shape uses it, and
 *   nothing inherits it;
 * - a `<rect>` without `width` or `height` gets 0, SVG 2's default (drawn: nothing);
 * - a `fill` or `stroke` naming a paint server the file lacks is `none`, as browsers draw it;
 * - a `<use>` of an id the file lacks is dropped (drawn: nothing).
 * An SVG with nothing to mend keeps its bytes. The drawing is safe already: `check` refused
 * scripts and loads (src/files/svg-policy.ts). Written here because no library mends SVG
 * for epubcheck; the XML is parsed and written by xast-util-from-xml and xast-util-to-xml.
 */
import type { Element, Nodes, Root } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { toXml } from 'xast-util-to-xml';

const SHAPES = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon']);

/** Presentation attributes SVG 1.1 gives text, containers or viewports, never a shape. */
const NOT_FOR_SHAPES = new Set([
  'font', 'font-family', 'font-size', 'font-size-adjust', 'font-stretch', 'font-style', 'font-variant', 'font-weight',
  'text-anchor', 'text-decoration', 'letter-spacing', 'word-spacing', 'kerning', 'direction', 'unicode-bidi', 'writing-mode',
  'alignment-baseline', 'baseline-shift', 'dominant-baseline', 'glyph-orientation-horizontal', 'glyph-orientation-vertical',
  'overflow', 'clip', 'enable-background', 'flood-color', 'flood-opacity', 'lighting-color', 'stop-color', 'stop-opacity',
  'color-interpolation-filters', 'color-profile',
]);

const LOCAL_PAINT = /^\s*url\(\s*["']?#([^"')\s]+)["']?\s*\)/;

function* elementsOf(node: Nodes): Generator<Element> {
  if (node.type === 'element') yield node;
  if (node.type === 'element' || node.type === 'root') for (const child of node.children) yield* elementsOf(child);
}

/** Mends `tree` in place; whether anything changed. */
function mend(tree: Root): boolean {
  const ids = new Set<string>();
  for (const el of elementsOf(tree)) if (typeof el.attributes.id === 'string') ids.add(el.attributes.id);
  let changed = false;
  const drop: Element[] = [];
  for (const el of elementsOf(tree)) {
    const local = el.name.slice(el.name.indexOf(':') + 1);
    if (SHAPES.has(local)) {
      for (const name of Object.keys(el.attributes)) {
        if (NOT_FOR_SHAPES.has(name)) {
          delete el.attributes[name];
          changed = true;
        }
      }
    }
    if (local === 'rect') {
      for (const size of ['width', 'height']) {
        if (el.attributes[size] === undefined) {
          el.attributes[size] = '0';
          changed = true;
        }
      }
    }
    for (const paint of ['fill', 'stroke']) {
      const id = LOCAL_PAINT.exec(el.attributes[paint] ?? '')?.[1];
      if (id !== undefined && !ids.has(id)) {
        el.attributes[paint] = 'none';
        changed = true;
      }
    }
    const href = el.attributes['xlink:href'] ?? el.attributes.href;
    if (local === 'use' && href?.startsWith('#') && !ids.has(href.slice(1))) drop.push(el);
  }
  if (drop.length > 0) {
    const gone = new Set(drop);
    const prune = (node: Nodes): void => {
      if (node.type !== 'element' && node.type !== 'root') return;
      node.children = node.children.filter((child) => !(child.type === 'element' && gone.has(child)));
      node.children.forEach(prune);
    };
    prune(tree);
    changed = true;
  }
  return changed;
}

/** The bytes the EPUB packages for a file of `mediaType`: an SVG mended, anything else as it is. */
export function bytesForEpub(mediaType: string, bytes: Uint8Array): Uint8Array {
  return mediaType === 'image/svg+xml' ? svgForEpub(bytes) : bytes;
}

/** The bytes the EPUB packages for an SVG image. */
export function svgForEpub(bytes: Uint8Array): Uint8Array {
  let tree: Root;
  try {
    tree = fromXml(new TextDecoder().decode(bytes));
  } catch {
    // `check` read it with saxes; a file this parser refuses is packaged as it is.
    return bytes;
  }
  return mend(tree) ? new TextEncoder().encode(toXml(tree)) : bytes;
}
