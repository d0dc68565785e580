/**
 * Stable ids in the PDF's tag tree. Chromium names a structure element that carries an
 * /ID (a table header cell, which data cells point to with /Headers) after the DOM
 * node it came from, "node00000106": a counter over every node the page ever created,
 * which varies from build to build with what Paged.js did on the way. Renaming them in
 * the order of the tag tree, and rewriting the references and the /IDTree name tree to
 * match, makes a PDF with a table reproducible.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { stringText } from './pdf-text.js';

const ID = PDFName.of('ID');
const HEADERS = PDFName.of('Headers');
const ATTRIBUTES = PDFName.of('A');
const KIDS = PDFName.of('K');

/** A name in Chromium's own form, so lengths and sort order stay what they were. */
const stableId = (n: number): string => `node${String(n).padStart(8, '0')}`;

function text(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? stringText(value) : undefined;
}

export function stabilizeStructureIds(pdf: PDFDocument): void {
  const root = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  // Ids come with the ID tree (ISO 32000-1, 14.7.2: it is "required if any structure elements
  // have element identifiers"), and Chromium writes one with them: without it there is nothing
  // to rename, and no walk of every element (11,000 in the x10 book, 15-20 ms) to find that out.
  if (!root || !root.has(PDFName.of('IDTree'))) return;
  const elements = structureElements(pdf, root);
  const renamed = new Map<string, string>();
  for (const element of elements) {
    const id = text(element.get(ID));
    if (id !== undefined && !renamed.has(id)) renamed.set(id, stableId(renamed.size + 1));
  }
  if (renamed.size === 0) return;

  for (const element of elements) {
    const id = text(element.get(ID));
    if (id !== undefined) element.set(ID, PDFString.of(renamed.get(id) as string));
    renameHeaders(pdf, element, renamed);
  }
  rebuildIdTree(pdf, root, renamed);
}

/** Every structure element, in the order of the tree; bounded, in case of a cycle. */
function structureElements(pdf: PDFDocument, root: PDFDict): PDFDict[] {
  const found: PDFDict[] = [];
  const seen = new Set<PDFDict>();
  const pending: PDFObject[] = [root.get(KIDS) ?? PDFArray.withContext(pdf.context)];
  while (pending.length > 0) {
    const next = pending.pop() as PDFObject;
    const value = next instanceof PDFRef ? pdf.context.lookup(next) : next;
    if (value instanceof PDFArray) {
      // Reversed onto the stack, so the first kid comes out first.
      for (let i = value.size() - 1; i >= 0; i--) pending.push(value.get(i));
    } else if (value instanceof PDFDict && !seen.has(value)) {
      seen.add(value);
      // Marked-content and object references are leaves, not elements.
      const type = value.lookupMaybe(PDFName.of('Type'), PDFName);
      if (type && type !== PDFName.of('StructElem')) continue;
      found.push(value);
      const kids = value.get(KIDS);
      if (kids) pending.push(kids);
    }
  }
  return found;
}

/** /Headers lists the ids of a cell's header cells, in the element's attribute objects. */
function renameHeaders(pdf: PDFDocument, element: PDFDict, renamed: ReadonlyMap<string, string>): void {
  const attributes = element.get(ATTRIBUTES);
  const resolved = attributes instanceof PDFRef ? pdf.context.lookup(attributes) : attributes;
  const owners = resolved instanceof PDFArray ? resolved.asArray() : resolved ? [resolved] : [];
  for (const owner of owners) {
    const dict = owner instanceof PDFRef ? pdf.context.lookup(owner) : owner;
    if (!(dict instanceof PDFDict)) continue;
    const headers = dict.lookupMaybe(HEADERS, PDFArray);
    if (!headers) continue;
    for (let i = 0; i < headers.size(); i++) {
      const id = text(headers.get(i));
      const stable = id === undefined ? undefined : renamed.get(id);
      if (stable) headers.set(i, PDFString.of(stable));
    }
  }
}

/**
 * The /IDTree as one leaf holding every pair in key order, in the root's own object.
 * The old intermediate and leaf nodes are deleted: pdf-lib writes every object it
 * holds, referenced or not, and they still carry the old names.
 */
function rebuildIdTree(pdf: PDFDocument, root: PDFDict, renamed: ReadonlyMap<string, string>): void {
  const treeRef = root.get(PDFName.of('IDTree'));
  const tree = treeRef instanceof PDFRef ? pdf.context.lookup(treeRef) : treeRef;
  if (!(tree instanceof PDFDict)) return;
  const pairs: Array<[string, PDFObject]> = [];
  const obsolete: PDFRef[] = [];
  const pending: PDFObject[] = [tree];
  // Bounded by the object count, in case of a cycle.
  let budget = pdf.context.largestObjectNumber + 1;
  while (pending.length > 0 && budget-- > 0) {
    const next = pending.pop() as PDFObject;
    const node = next instanceof PDFRef ? pdf.context.lookup(next) : next;
    if (!(node instanceof PDFDict)) continue;
    if (next instanceof PDFRef) obsolete.push(next);
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const stable = renamed.get(text(names.get(i)) ?? '');
      if (stable) pairs.push([stable, names.get(i + 1)]);
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (kids) pending.push(...kids.asArray());
  }
  for (const ref of obsolete) pdf.context.delete(ref);
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const names = PDFArray.withContext(pdf.context);
  for (const [id, value] of pairs) {
    names.push(PDFString.of(id));
    names.push(value);
  }
  tree.delete(PDFName.of('Kids'));
  tree.delete(PDFName.of('Limits'));
  tree.set(PDFName.of('Names'), names);
}
