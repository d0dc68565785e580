/**
 * hast -> XML text for XHTML content documents.
 *
 * Why not hast-util-to-html: in its HTML space a boolean attribute (`hidden`,
 * `checked` from GFM task lists) is written bare, which is not well-formed XML,
 * and no option changes that; epubcheck rejects the whole document for it. The
 * HTML rules needed here are few, so they live in this one module.
 */
import type { Element, Nodes, Properties } from 'hast';

/** Elements with no end tag; everything else is closed explicitly, so an
 * HTML parser (some reading systems use one) reads the same tree. */
const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
]);

/**
 * Block elements: a line break goes after each, so the files diff and
 * epubcheck's line numbers mean something. Whitespace between blocks does not
 * change the rendering.
 */
const BLOCK = new Set([
  'address', 'aside', 'blockquote', 'body', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'li', 'link', 'main', 'meta', 'nav', 'ol', 'p', 'section', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'title', 'tr', 'ul',
]);

/** hast property names whose attribute is not simply the lower-cased name. */
const SPECIAL: Readonly<Record<string, string>> = {
  className: 'class',
  htmlFor: 'for',
  httpEquiv: 'http-equiv',
  acceptCharset: 'accept-charset',
  xmlnsXLink: 'xmlns:xlink',
};

/** The only comma-separated list attributes of HTML; all other lists use spaces. */
const COMMA_LISTS = new Set(['accept', 'coords']);

// Characters XML 1.0 forbids outright; a manuscript can smuggle them in via copy-paste.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    // Literal newlines and tabs in attributes would be normalised to spaces by the XML parser.
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** Serialize a hast tree (or node) as XML; comments and doctypes are dropped. */
export function toXml(node: Nodes): string {
  return serializeNode(node, false);
}

function serializeNode(node: Nodes, inSvg: boolean): string {
  switch (node.type) {
    case 'root':
      return node.children.map((child) => serializeNode(child, inSvg)).join('');
    case 'element':
      return serializeElement(node, inSvg);
    case 'text':
      return escapeText(node.value);
    case 'comment':
    case 'doctype':
      return '';
    default:
      // `raw` nodes (mdast-util-to-hast with allowDangerousHtml) cannot be made
      // well-formed without parsing; the pipeline must parse them (hast-util-raw).
      throw new Error(`EPUB: cannot serialize a "${node.type}" node as XHTML`);
  }
}

function serializeElement(node: Element, parentInSvg: boolean): string {
  const inSvg = parentInSvg || node.tagName === 'svg';
  const attributes = serializeProperties(node.properties, inSvg);
  const open = `<${node.tagName}${attributes}`;
  // SVG is pure XML, so empty SVG elements may self-close; HTML ones only when void.
  if (node.children.length === 0 && (inSvg || VOID.has(node.tagName))) return `${open}/>`;
  // Only where blocks sit among blocks: inside <pre> or a <p>, white space would show.
  const breaks = !inSvg && node.tagName !== 'pre' && node.children.some(isBlock);
  const children = node.children
    .map((child) => serializeNode(child, inSvg) + (breaks && isBlock(child) ? '\n' : ''))
    .join('');
  return `${open}>${breaks ? '\n' : ''}${children}</${node.tagName}>`;
}

function isBlock(node: Nodes): boolean {
  return node.type === 'element' && BLOCK.has(node.tagName);
}

function serializeProperties(properties: Properties, inSvg: boolean): string {
  let result = '';
  for (const [key, value] of Object.entries(properties)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'number' && Number.isNaN(value)) continue;
    const name = attributeName(key, inSvg);
    const text =
      value === true
        ? name // XHTML spells a true boolean attribute as its own name: hidden="hidden".
        : Array.isArray(value)
          ? value.join(COMMA_LISTS.has(name) ? ', ' : ' ')
          : String(value);
    result += ` ${name}="${escapeAttribute(text)}"`;
  }
  return result;
}

/**
 * The attribute for a hast property name, following property-information's
 * rules for HTML. Inside SVG, names keep their case (viewBox); SVG in a
 * manuscript arrives as <img>, so only our own cover uses that branch, and it
 * spells attributes as attributes (font-family).
 */
export function attributeName(key: string, inSvg = false): string {
  const special = SPECIAL[key];
  if (special) return special;
  if (/^data[A-Z]/.test(key)) return 'data' + key.slice(4).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
  if (/^aria[A-Z]/.test(key)) return 'aria-' + key.slice(4).toLowerCase();
  if (/^xLink[A-Z]/.test(key)) return 'xlink:' + key.slice(5).toLowerCase();
  if (/^xml[A-Z]/.test(key)) return 'xml:' + key.slice(3).toLowerCase();
  if (inSvg || key.includes(':')) return key;
  return key.toLowerCase();
}
