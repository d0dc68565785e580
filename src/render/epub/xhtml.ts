/** Wraps flow content in a complete XHTML content document (EPUB 3). */
import type { Element, ElementContent, Properties } from 'hast';
import { toXml } from './serialize.js';

export const XHTML_NS = 'http://www.w3.org/1999/xhtml';
export const OPS_NS = 'http://www.idpf.org/2007/ops';

export interface XhtmlDocumentOptions {
  /** BCP 47 tag for both `lang` and `xml:lang` (readers use either). */
  lang: string;
  /** The <title>; reading systems show it in navigation and history. */
  title: string;
  /** Path of the stylesheet relative to this document, if any. */
  stylesheet?: string;
  /** Attributes of <body>, e.g. an epub:type. */
  bodyProperties?: Properties;
  content: ElementContent[];
}

export function xhtmlDocument(options: XhtmlDocumentOptions): string {
  const head: ElementContent[] = [
    element('meta', { charSet: 'utf-8' }),
    element('title', {}, [{ type: 'text', value: options.title }]),
  ];
  if (options.stylesheet !== undefined) {
    head.push(element('link', { rel: ['stylesheet'], type: 'text/css', href: options.stylesheet }));
  }
  const html = element(
    'html',
    { xmlns: XHTML_NS, 'xmlns:epub': OPS_NS, lang: options.lang, xmlLang: options.lang },
    [element('head', {}, head), element('body', options.bodyProperties ?? {}, options.content)],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n${toXml(html)}\n`;
}

/** A hast element from attribute-style properties (no hastscript normalisation). */
export function element(tagName: string, properties: Properties = {}, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

export function text(value: string): ElementContent {
  return { type: 'text', value };
}
