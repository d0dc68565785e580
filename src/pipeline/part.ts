/**
 * One part through the processor (processor.ts), then the PartDocument every renderer
 * reads, assembled from the hast tree and what the plugins left in `file.data`.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { NextPart, PartDocument, PartMeta } from '../document.js';
import type { PartFrontmatter } from './frontmatter.js';
import type { PartProcessor } from './processor.js';
import { nextPartLine } from '../blocks.js';

export interface ParsedPart {
  file: VFile;
  tree: Root;
  frontmatter: PartFrontmatter;
}

export interface PartSettings {
  bibliographyTitle: string;
  /** Whether the questions also appear in the PDF and EPUB (not `handout-only`). */
  questionsInText: boolean;
}

export function buildPart(processor: PartProcessor, parsed: ParsedPart, meta: PartMeta, settings: PartSettings): PartDocument {
  const { file, tree } = parsed;
  file.data.meta = meta;
  file.data.nextPart = meta.next;
  const body = processor.runSync(tree, file) as HastRoot;
  const data = file.data;
  const nextPart = meta.next ? nextPartLine(meta.next) : null;
  const entries = data.bibliographyEntries ?? [];
  const nextPartInBody = data.nextPartInBody === true;
  return {
    meta: data.titleId ? { ...meta, titleId: data.titleId } : meta,
    body,
    sections: data.sections ?? [],
    notes: data.notes ?? [],
    bibliography: entries.length && parsed.frontmatter.bibliography !== false ? { title: settings.bibliographyTitle, entries } : null,
    questions: data.questions ?? null,
    questionsInText: settings.questionsInText,
    nextPart: nextPartInBody ? null : nextPart,
    nextPartInBody,
    paragraphCount: data.paragraphCount ?? 0,
  };
}
