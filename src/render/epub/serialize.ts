/**
 * hast → XML text for XHTML content documents, through hast-util-to-xast and
 * xast-util-to-xml (attribute names, namespaces and escaping are theirs).
 *
 * Our part is what XHTML in an EPUB needs beyond that: characters XML 1.0 forbids are
 * dropped (a manuscript can smuggle them in by copy and paste); only void elements
 * self-close (`<br/>`), every other element is closed explicitly (`<p></p>`), so an
 * HTML parser — some reading systems use one — reads the same tree; and a line break
 * follows each block among blocks, so the files diff and epubcheck's line numbers
 * mean something.
 */
import type { Element, ElementContent, Nodes, Properties, Root } from 'hast';
import type { Nodes as XastNodes } from 'xast';
import { toXast } from 'hast-util-to-xast';
import { toXml as xastToXml } from 'xast-util-to-xml';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

const BLOCK = new Set([
  'address', 'aside', 'blockquote', 'body', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'li', 'link', 'main', 'meta', 'nav', 'ol', 'p', 'section', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'title', 'tr', 'ul', 'caption', 'pre',
]);

// Characters XML 1.0 forbids outright.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Serialize a hast tree (or node) as XML; comments and doctypes are dropped. */
export function toXml(node: Root | Element): string {
  const prepared = prepare(node, false);
  return write(toXast(prepared as Root | Element));
}

/** XML-escaped text, for the few documents written as templates (the OPF). */
export function escapeText(value: string): string {
  // A part title holding `]]>` made package.opf and toc.ncx not well-formed, until 2026-12-04.
  return textXml(value.replace(NOT_XML, ''));
}

/** Character data as XML: `]]>` may not appear in it, and xast-util-to-xml leaves `>` as is. */
function textXml(value: string): string {
  return xastToXml({ type: 'text', value }).replace(/]]>/g, ']]&#x3E;');
}

/** An XML attribute value, escaped (without the quotes). */
export function escapeAttribute(value: string): string {
  const written = xastToXml({ type: 'element', name: 'x', attributes: { v: value.replace(NOT_XML, '') }, children: [] }, { closeEmptyElements: true, tightClose: true });
  return written.slice('<x v="'.length, -'"/>'.length);
}

/** Writes void elements (and empty SVG ones: SVG is pure XML) self-closed, every other element with its end tag. */
function write(node: XastNodes, inSvg = false): string {
  if (node.type === 'root') return node.children.map((child) => write(child, inSvg)).join('');
  if (node.type === 'text') return textXml(node.value);
  if (node.type !== 'element') return xastToXml(node);
  const svg = inSvg || node.name === 'svg';
  if (node.children.length === 0) return xastToXml(node, { closeEmptyElements: svg || VOID.has(node.name), tightClose: true });
  const shell = xastToXml({ ...node, children: [] });
  const open = shell.slice(0, shell.length - `</${node.name}>`.length);
  return `${open}${node.children.map((child) => write(child, svg)).join('')}</${node.name}>`;
}

/** A copy ready for XML: no comments or doctypes, no forbidden characters, line breaks between blocks. */
function prepare<T extends Nodes>(node: T, inSvg: boolean): T {
  if (node.type === 'text') return { ...node, value: node.value.replace(NOT_XML, '') };
  if (node.type === 'root') return { ...node, children: node.children.flatMap((child) => kept(child, inSvg)) };
  if (node.type !== 'element') {
    // `raw` nodes cannot be made well-formed without parsing; the pipeline parses them (rehype-raw).
    if (node.type !== 'comment' && node.type !== 'doctype') throw new Error(`EPUB: cannot serialize a "${node.type}" node as XHTML`);
    return node;
  }
  const svg = inSvg || node.tagName === 'svg';
  let children = node.children.flatMap((child) => kept(child, svg)) as ElementContent[];
  if (!svg && node.tagName !== 'pre' && children.some(isBlock)) {
    children = [{ type: 'text', value: '\n' }, ...children.flatMap((child) => (isBlock(child) ? [child, { type: 'text', value: '\n' } as ElementContent] : [child]))];
  }
  return { ...node, properties: cleanProperties(node.properties), children };
}

function kept(node: Nodes, inSvg: boolean): Nodes[] {
  if (node.type === 'comment' || node.type === 'doctype') return [];
  return [prepare(node, inSvg)];
}

function cleanProperties(properties: Properties): Properties {
  const out: Properties = {};
  for (const [key, value] of Object.entries(properties)) {
    out[key] = typeof value === 'string' ? value.replace(NOT_XML, '') : Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.replace(NOT_XML, '') : v)) : value;
  }
  return out;
}

function isBlock(node: Nodes): boolean {
  return node.type === 'element' && BLOCK.has(node.tagName);
}
