/**
 * XML files of a manuscript (CSL styles, SVG images) read with a real, strict XML
 * parser (saxes): a file that is not well-formed XML is an error at its line and
 * column, and what we need from it is read from elements, never matched with regexes.
 * saxes expands no entity a document declares, so an entity bomb is only an error.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  /** Local name, without prefix. */
  local: string;
  /** Namespace URI ('' for none). */
  uri: string;
  /** Attributes by local name, whatever their namespace. */
  attributes: Record<string, string>;
  /** Every attribute with its namespace URI ('' for none): `xlink:href` and `href` apart. */
  attributeList: ReadonlyArray<{ local: string; uri: string; value: string }>;
  /** Local names of the open ancestors, outermost first. */
  ancestors: readonly string[];
  line: number;
  column: number;
}

export type XmlRead = { ok: true } | { ok: false; /** By a listener, not for bad syntax. */ refused?: true; line: number; column: number; reason: string };

/** Thrown by a listener to stop reading a document it refuses. */
export class XmlRefusal extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

class StopParsing extends Error {
  constructor(readonly line: number, readonly column: number, readonly reason: string) {
    super(reason);
  }
}

/** What else a caller may want to read, as it comes: text and processing instructions, with their place. */
export interface XmlListeners {
  /** Text and CDATA, with the local names of the elements it is in, outermost first. */
  onText?: (text: string, ancestors: readonly string[], line: number, column: number) => void;
  onProcessingInstruction?: (target: string, line: number, column: number) => void;
  /** An end tag (or a self-closing tag's end), with the local names of the elements still open around it. */
  onCloseTag?: (local: string, ancestors: readonly string[], line: number, column: number) => void;
  /** The document type declaration, as written between `<!DOCTYPE` and `>`. */
  onDoctype?: (doctype: string, line: number, column: number) => void;
}

/**
 * Parses `text` as XML, calling `onElement` for each start tag in document order. A
 * listener may stop the parse by throwing `XmlRefusal`: the read then fails with its reason and place.
 */
export function readXml(text: string, onElement: (element: XmlElement) => void, listeners: XmlListeners = {}): XmlRead {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const open: string[] = [];
  // The first error stops the parse: what follows a syntax error is noise.
  parser.on('error', (cause) => {
    throw new StopParsing(parser.line, parser.column, cause.message.replace(/^\d+:\d+: /, '').replace(/\.$/, ''));
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    const attributeList = Object.values(tag.attributes).map(({ local, uri, value }) => ({ local, uri, value }));
    for (const attribute of attributeList) attributes[attribute.local] = attribute.value;
    onElement({ local: tag.local, uri: tag.uri, attributes, attributeList, ancestors: [...open], line: parser.line, column: parser.column });
    if (!tag.isSelfClosing) open.push(tag.local);
  });
  const { onText, onProcessingInstruction, onCloseTag, onDoctype } = listeners;
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) open.pop();
    onCloseTag?.(tag.local ?? '', open, parser.line, parser.column);
  });
  if (onDoctype) parser.on('doctype', (doctype) => onDoctype(doctype, parser.line, parser.column));
  if (onText) {
    parser.on('text', (text) => onText(text, open, parser.line, parser.column));
    parser.on('cdata', (text) => onText(text, open, parser.line, parser.column));
  }
  if (onProcessingInstruction) parser.on('processinginstruction', (pi) => onProcessingInstruction(pi.target, parser.line, parser.column));
  try {
    parser.write(text).close();
  } catch (cause) {
    if (cause instanceof StopParsing) return { ok: false, line: cause.line, column: Math.max(1, cause.column), reason: cause.reason };
    if (cause instanceof XmlRefusal) return { ok: false, refused: true, line: cause.line, column: Math.max(1, cause.column), reason: cause.message };
    throw cause;
  }
  return { ok: true };
}
