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
  /** Attributes by local name (no namespaced attribute is needed by our callers). */
  attributes: Record<string, string>;
  /** Local names of the open ancestors, outermost first. */
  ancestors: readonly string[];
  line: number;
  column: number;
}

export type XmlRead = { ok: true } | { ok: false; line: number; column: number; reason: string };

class StopParsing extends Error {
  constructor(readonly line: number, readonly column: number, readonly reason: string) {
    super(reason);
  }
}

/** Parses `text` as XML, calling `onElement` for each start tag in document order. */
export function readXml(text: string, onElement: (element: XmlElement) => void): XmlRead {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const open: string[] = [];
  // The first error stops the parse: what follows a syntax error is noise.
  parser.on('error', (cause) => {
    throw new StopParsing(parser.line, parser.column, cause.message.replace(/^\d+:\d+: /, '').replace(/\.$/, ''));
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) attributes[attribute.local] = attribute.value;
    onElement({ local: tag.local, uri: tag.uri, attributes, ancestors: [...open], line: parser.line, column: parser.column });
    if (!tag.isSelfClosing) open.push(tag.local);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) open.pop();
  });
  try {
    parser.write(text).close();
  } catch (cause) {
    if (cause instanceof StopParsing) return { ok: false, line: cause.line, column: Math.max(1, cause.column), reason: cause.reason };
    throw cause;
  }
  return { ok: true };
}
