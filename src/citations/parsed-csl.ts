/**
 * CSL styles and locales as citeproc-js reads them, parsed once by `make` rather than at
 * every build. citeproc-js parses each XML text it is given (its own parser, regular
 * expressions over the text) into a JSON tree before anything else: for the real
 * manuscript's style and its locale some 17 ms of a cited build's own thread, cold, every
 * time. It also takes that tree as JSON text (`CSL.setupXml`: a string not beginning with
 * "<"), which parses in 1–2 ms. `make` (make-tables.ts) writes lib/csl-parsed.json with the
 * trees of the texts it handed citeproc-js, keyed by each text's SHA-256; a build hands
 * over the tree of a text it finds there, and any other text as it is. A style's shape (its
 * class and parent, once its macros are found to stay within bounds: engine.ts) goes with
 * it: reading the style's XML for it took some 10 ms more of the same builds.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { packagePath } from '../package-root.js';

export const PARSED_CSL = packagePath('lib', 'csl-parsed.json');

/** What engine.ts reads of a style's XML before citeproc-js sees it. */
export interface CslShape {
  kind: 'note' | 'in-text';
  parent?: string;
}

interface Parsed {
  /** The tree as JSON text. */
  tree: string;
  /** A style's shape; none for a locale. */
  shape?: CslShape;
}

/** SHA-256 of an XML text → what `make` made of it; read at the first style or locale. */
let table: Record<string, Parsed> | undefined;
/** Every XML text handed to citeproc-js in this process, for `make` to parse. */
const handed = new Set<string>();
/** The shape of every style looked at in this process: asked again, and kept by `make`. */
const shapes = new Map<string, CslShape>();
/** What the table holds for each text looked up, so that a text is hashed once (a style is looked up for its shape, then for its tree). */
const lookedUp = new Map<string, Parsed | undefined>();

const keyOf = (xml: string): string => createHash('sha256').update(xml).digest('hex');

function parsedOf(xml: string): Parsed | undefined {
  if (lookedUp.has(xml)) return lookedUp.get(xml);
  if (!table) {
    try {
      table = JSON.parse(readFileSync(PARSED_CSL, 'utf8')) as Record<string, Parsed>;
    } catch {
      // Not made (a checkout before `make`): every text is read as it is.
      table = {};
    }
  }
  const key = keyOf(xml);
  const parsed = Object.hasOwn(table, key) ? table[key] : undefined;
  lookedUp.set(xml, parsed);
  return parsed;
}

/** What to give citeproc-js for a style's or a locale's XML: its tree as JSON when `make` parsed the same text, else the text. */
export function cslSource(xml: string): string {
  handed.add(xml);
  return parsedOf(xml)?.tree ?? xml;
}

/** A style's shape: as `make` read it from the same text, else `read` run on it, once per text. */
export function styleShapeOf(xml: string, read: () => CslShape): CslShape {
  let shape = shapes.get(xml);
  if (!shape) {
    shape = parsedOf(xml)?.shape ?? read();
    shapes.set(xml, shape);
  }
  return shape;
}

/**
 * For `make`, once a build has formatted citations: the trees of the texts handed to
 * citeproc-js, made by its own parser (`parse`, CSL.parseXml) from the text as
 * `CSL.setupXml` gives it one. A tree JSON would not carry whole is left out. Returns how many.
 */
export function writeParsedCsl(parse: (xml: string) => unknown): number {
  const out: Record<string, Parsed> = {};
  for (const xml of handed) {
    // As CSL.setupXml has it: its first replace looks for the two characters "^\uFEFF", not a BOM at the start.
    const tree = parse(xml.replace('^\uFEFF', '').replace(/^\s+/, ''));
    const json = JSON.stringify(tree);
    if (json === undefined || json.startsWith('<') || !isDeepStrictEqual(JSON.parse(json), tree)) continue;
    const shape = shapes.get(xml);
    out[keyOf(xml)] = shape ? { tree: json, shape } : { tree: json };
  }
  writeFileSync(PARSED_CSL, JSON.stringify(out));
  return Object.keys(out).length;
}
