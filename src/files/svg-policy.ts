/**
 * What an SVG image in a manuscript may hold: a drawing, and nothing that runs or loads.
 *
 * Every output carries the file as it is: the EPUB packages it, the web page embeds it as
 * data. An SVG can do what a web page does: run a script, answer an event, rewrite a link
 * by animating it, load a file or a web address (in `href`, in CSS, in a stylesheet
 * processing instruction), show HTML in a `foreignObject`. Until 2026-12-02 such a file
 * built, and its EPUB failed epubcheck (`scripted`, `remote-resources`): an e-reader that
 * opens the picture on its own would have run it.
 *
 * Read as parsed trees against allow-lists (saxes for the XML, css-tree for its CSS),
 * never with patterns over the text. Elements of other namespaces (an editor's
 * metadata: Inkscape, Sodipodi, RDF) draw nothing and stay, HTML's excepted.
 */
import type { CssNode } from 'css-tree';
import { cssTree } from '../style/css-tree.js';
import { expandedSize } from '../expanded-size.js';
import { readXml, XmlRefusal, type XmlElement } from './xml.js';

const SVG = 'http://www.w3.org/2000/svg';
const XHTML = 'http://www.w3.org/1999/xhtml';
const XML = 'http://www.w3.org/XML/1998/namespace';

/** SVG's static drawing: shapes, text, structure, paint servers, clipping, masks, markers, filters. */
const DRAWING = new Set([
  'svg', 'g', 'defs', 'desc', 'title', 'metadata', 'symbol', 'use', 'switch', 'view', 'style', 'a',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'image',
  'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'marker',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix',
  'feDiffuseLighting', 'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA',
  'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode',
  'feMorphology', 'feOffset', 'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence',
]);

/** Why some refused elements are refused, where the reason helps the author. */
const WHY: Readonly<Record<string, string>> = {
  script: 'a picture in a book runs no script',
  foreignObject: 'it shows HTML inside the picture; draw its text as SVG <text>',
  animate: 'print shows no animation, and an animation can rewrite a link',
  animateMotion: 'print shows no animation',
  animateTransform: 'print shows no animation',
  set: 'it rewrites attributes as the picture runs, a link included',
};

/** Presentation attributes whose value may hold `url(…)`; read as CSS, as the browser reads them. */
const PAINT_ATTRIBUTES = new Set(['fill', 'stroke', 'filter', 'clip-path', 'mask', 'marker-start', 'marker-mid', 'marker-end', 'cursor']);

/** CSS functions other than url() that load something. */
const LOADING_FUNCTIONS = new Set(['image-set', '-webkit-image-set', 'image', 'cross-fade', 'element', 'paint', 'src']);

/** Pictures a picture may embed: the raster types every output carries, as data. */
const EMBEDDED_PICTURE = /^data:image\/(png|jpeg|gif|webp)[;,]/i;

export interface SvgProblem {
  /** Not XML at all, or a drawing holding what it may not. */
  kind: 'malformed' | 'refused';
  line: number;
  column: number;
  reason: string;
}

/** Where a reference may point: inside the picture, or (a link only) to the web. */
function hrefProblem(element: string, href: string): string | undefined {
  const value = href.trim();
  if (value.startsWith('#')) return undefined;
  if (element === 'a' && /^(https?|mailto):/i.test(value)) return undefined;
  if ((element === 'image' || element === 'feImage') && EMBEDDED_PICTURE.test(value)) return undefined;
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  if (element === 'image' || element === 'feImage') return `<${element}> loads “${shown}”: embed the picture in the SVG as data:image/png, jpeg, gif or webp (Inkscape: Embed)`;
  return `<${element}> points to “${shown}”: an SVG image may only point inside itself (#id)${element === 'a' ? ', or link to an http, https or mailto address' : ''}`;
}

/** Every loading reference in a piece of CSS, as css-tree reads it (escapes and case are its business). */
function cssProblem(ast: CssNode): string | undefined {
  const { ident, walk } = cssTree();
  let problem: string | undefined;
  walk(ast, (node) => {
    if (problem) return;
    if (node.type === 'Raw' && node.value.trim() !== '') {
      // What css-tree could not read as a value, Chromium may still read: `u\rl(…)` was one.
      problem = `its CSS has “${node.value.trim().slice(0, 60)}”, which cannot be read as a CSS value`;
    } else if (node.type === 'Url') {
      if (!node.value.trim().startsWith('#') && !EMBEDDED_PICTURE.test(node.value.trim())) problem = `its CSS loads \`url(${node.value.slice(0, 60)})\`: an SVG image may only point inside itself (url(#id)) or embed a picture as data`;
    } else if (node.type === 'Function' && ident.decode(node.name).toLowerCase() === 'url') {
      // `u\rl(…)`: a url() to the browser, a function to the parser.
      problem = `its CSS loads \`${node.name}()\`: an SVG image may only point inside itself (url(#id)) or embed a picture as data`;
    } else if (node.type === 'Function' && LOADING_FUNCTIONS.has(ident.decode(node.name).toLowerCase())) {
      problem = `its CSS uses \`${node.name}()\`, which loads a file`;
    } else if (node.type === 'Atrule' && ['import', 'namespace'].includes(ident.decode(node.name).toLowerCase())) {
      problem = `its CSS has \`@${node.name}\`, which loads a stylesheet`;
    }
  });
  return problem;
}

function parseCss(text: string, context: 'stylesheet' | 'declarationList' | 'value'): CssNode | string {
  try {
    return cssTree().parse(text, { context });
  } catch (cause) {
    return `its CSS cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
}

function elementProblem(element: XmlElement): string | undefined {
  if (element.uri === XHTML) return `HTML's <${element.local}> is inside it; an SVG image may only draw`;
  if (element.uri !== SVG) return undefined;
  if (!DRAWING.has(element.local)) {
    return `<${element.local}> is not allowed in an SVG image: ${WHY[element.local] ?? 'an SVG image may only draw (shapes, text, gradients, clipping, masks, filters)'}`;
  }
  for (const { local, uri, value } of element.attributeList) {
    if (uri === '' && /^on/i.test(local)) return `<${element.local}> has the event handler \`${local}\`: a picture in a book runs no script`;
    if (uri === XML && local === 'base') return `<${element.local}> has \`xml:base\`, which would point its references elsewhere`;
    if (local === 'href') {
      const problem = hrefProblem(element.local, value);
      if (problem) return problem;
    }
    if (uri !== '') continue;
    const context = local === 'style' ? 'declarationList' : PAINT_ATTRIBUTES.has(local) ? 'value' : undefined;
    if (!context) continue;
    const ast = parseCss(value, context);
    const problem = typeof ast === 'string' ? ast : cssProblem(ast);
    if (problem) return `<${element.local}> \`${local}\`: ${problem}`;
  }
  return undefined;
}

/**
 * Past this many elements copied by `<use>`, a drawing is refused: ten `<use>` of a group of
 * ten `<use>`, nine deep (a "billion laughs" in 1 KB), kept Chromium busy until the build's
 * time limit (2026-12-02). The flag of flag-icons that draws most draws 914 elements in all;
 * a large map written out element by element copies none, and is bounded by its file's size.
 */
export const MAX_COPIED = 100_000;

/** An element as `<use>` sees it: its children, and (a `<use>`) the id it copies. */
interface DrawnNode {
  children: number[];
  copies?: string;
}

/**
 * How many elements the drawing makes once each `<use>` is replaced by a copy of what it
 * names; Infinity past 500 levels. A `<use>` of itself or of an ancestor draws nothing in a
 * browser, and counts nothing here.
 */
function drawnCount(nodes: readonly DrawnNode[], ids: ReadonlyMap<string, number>, limit: number): number {
  const named = (index: number): number[] => {
    const node = nodes[index]!;
    const target = node.copies === undefined ? undefined : ids.get(node.copies);
    return target === undefined ? node.children : [...node.children, target];
  };
  return nodes.length ? expandedSize([0], named, limit) : 0;
}

/** The first thing in `text` (an SVG file, well-formed or not) that an SVG image may not hold, or none. */
export function svgProblem(text: string): SvgProblem | 'not-svg' | undefined {
  let root: XmlElement | undefined;
  const nodes: DrawnNode[] = [];
  const ids = new Map<string, number>();
  const open: number[] = [];
  let style: { text: string; line: number; column: number } | undefined;
  const read = readXml(
    text,
    (element) => {
      root ??= element;
      if (root.local !== 'svg' || root.uri !== SVG) return;
      const problem = elementProblem(element);
      if (problem) throw new XmlRefusal(problem, element.line, element.column);
      // Its place in the tree: the elements still open are its ancestors.
      open.length = element.ancestors.length;
      const index = nodes.length;
      const href = element.attributes.href;
      nodes.push({ children: [], ...(element.local === 'use' && href?.startsWith('#') ? { copies: href.slice(1) } : {}) });
      if (open.length > 0) nodes[open[open.length - 1]!]!.children.push(index);
      open.push(index);
      if (element.attributes.id !== undefined && !ids.has(element.attributes.id)) ids.set(element.attributes.id, index);
    },
    {
      // A <style>'s CSS is all its text and CDATA sections together, as a browser reads it:
      // checked piece by piece, `rect{content:"<!-- -->/*"; fill:url(http://…)}` passed, each
      // piece harmless alone (a string left open, a comment to the end).
      onText: (value, ancestors, line, column) => {
        if (ancestors.at(-1) !== 'style') return;
        style ??= { text: '', line, column };
        style.text += value;
      },
      onCloseTag: (local) => {
        if (local !== 'style' || !style) return;
        const { text: css, line, column } = style;
        style = undefined;
        if (css.trim() === '') return;
        const ast = parseCss(css, 'stylesheet');
        const problem = typeof ast === 'string' ? ast : cssProblem(ast);
        if (problem) throw new XmlRefusal(`<style>: ${problem}`, line, column);
      },
      // Declarations in a DOCTYPE give elements attributes the file does not spell (an
      // `<!ATTLIST svg onload CDATA "…">` default, which a browser's parser applies and saxes
      // does not), and a DTD elsewhere is a file to fetch. Only the W3C's own SVG DTDs are named.
      onDoctype: (doctype, line, column) => {
        if (doctype.includes('[')) throw new XmlRefusal('its DOCTYPE declares entities or attributes (`<!DOCTYPE svg [ … ]>`), which could add to the drawing what no check sees: save the SVG without them', line, column);
        const named = doctype.match(/["']([^"']*)["']\s*$/)?.[1];
        if (/\bSYSTEM\b|\bPUBLIC\b/i.test(doctype) && named !== undefined && !/^https?:\/\/www\.w3\.org\/(Graphics\/SVG|TR)\/[\w./-]+\.dtd$/.test(named)) {
          throw new XmlRefusal(`its DOCTYPE names a DTD other than the W3C's (${named}): save the SVG without it`, line, column);
        }
      },
      onProcessingInstruction: (target, line, column) => {
        if (target.toLowerCase() === 'xml-stylesheet') throw new XmlRefusal('an <?xml-stylesheet?> instruction loads a stylesheet: put the CSS in a <style> element', line, column);
      },
    },
  );
  if (!read.ok) return { kind: read.refused ? 'refused' : 'malformed', line: read.line, column: read.column, reason: read.reason };
  if (!root || root.local !== 'svg' || root.uri !== SVG) return 'not-svg';
  if (drawnCount(nodes, ids, nodes.length + MAX_COPIED) > nodes.length + MAX_COPIED) {
    const reason = `its <use> elements copy over ${MAX_COPIED.toLocaleString('en')} elements: a <use> of a group of <use> repeats everything it names, and the copies multiply`;
    return { kind: 'refused', line: root.line, column: root.column, reason };
  }
  return undefined;
}
