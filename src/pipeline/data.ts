/**
 * What the pipeline's plugins keep in `file.data` for one part, typed once here
 * (unified's convention: state lives on the file, not in module variables, so one
 * processor can run over every part of a series).
 */
import type { Element } from 'hast';
import type { Cluster } from '../citations/engine.js';
import type { NextPart, Note, PartMeta, Questions, Section } from '../document.js';
import type { PartFrontmatter } from './frontmatter.js';
import type { BookLabel } from './remark-cross-references.js';
import type { NumberedLabels } from './numbered-labels.js';
import type { SourcePlace } from '../files/notebook.js';

export interface CollectedCitations {
  /** Clusters in reading order, each with the note it lives in (0 in the text). */
  clusters: Cluster[];
  /** Keys cited or quoted in this part, for `check`'s never-cited warning. */
  keys: Set<string>;
}

/** GitHub slug of a heading → its id here, for links written GitHub's way. */
export type SlugAliases = Map<string, string>;
/** An anchor's name as written → its id, where they differ (`6.3.3` → `anchor-6-3-3`). */
export type AnchorAliases = Map<string, string>;
/** The `{#id}` written after a heading, by the heading's start offset in the part. */
export type WrittenHeadingIds = Map<number, string>;
/** The ids of the author's anchors (`<a id>`, `<a name>`), which headings avoid. */
export type AnchorIds = Set<string>;
/** MyST's labels of display formulas, by the line of their closing `$$ (label)`. */
export type MathLabels = Map<number, string>;

declare module 'vfile' {
  interface DataMap {
    /** MyST's labelled display formulas, `$$ … $$ (label)`: the label by the closing line (dollar-math.ts). */
    mathLabels: MathLabels;
    /** The part's front matter, validated (frontmatter.ts). */
    frontmatter: PartFrontmatter;
    /** Series-level facts about this part, set by the manuscript before the run. */
    meta: PartMeta;
    /** The "Next: …" line's target, when there is a next part. */
    nextPart: NextPart | null;
    /** Set by remark-notes: the citation clusters for the CSL engine. */
    citations: CollectedCitations;
    /** Keys used as quotation sources, in order (listed in the bibliography). */
    quoteSources: string[];
    /** Formatted bibliography entries, one `<div class="csl-entry">` each. */
    bibliographyEntries: Element[];
    /** Whether `::next-part` placed the series line in the text. */
    nextPartInBody: boolean;
    /** Set by rehype-sections: the contents, read by the renderers. */
    sections: Section[];
    /** Set by rehype-part-document: the pieces the renderers read. */
    notes: Note[];
    questions: Questions | null;
    paragraphCount: number;
    /** Set by remark-part-title: the words of a first heading dropped for repeating the title. */
    titleHeading: string;
    /**
     * Set by manuscript.ts where the Markdown read is not the part file's text as it is: where each
     * of its lines is in the file (a notebook's JSON, src/files/notebook.ts; a line a Quarto
     * include took in, src/files/quarto-includes.ts).
     */
    sourceLines: readonly SourcePlace[];
    /** The part's labelled figures, tables and formulas, numbered, by id: read once from the tree as parsed (numbered-labels.ts). */
    numbered: NumberedLabels;
    /** Set by manuscript.ts before any part runs: every part's headings by label, for remark-cross-references.ts. */
    bookLabels: ReadonlyMap<string, BookLabel>;
    /** Set by remark-part-title: where that heading began in the source, to find the id written after it (`{#intro}`). */
    titleHeadingOffset: number;
    /** Set by rehype-heading-ids: the id that dropped heading would have had, now the title's. */
    titleId: string;
    /** Set by rehype-heading-ids, read by rehype-links. */
    slugAliases: SlugAliases;
    /** Set by remark-heading-ids: the `{#id}` written after a heading, by the heading's start offset. */
    writtenHeadingIds: WrittenHeadingIds;
    /** Set by rehype-anchors, read by rehype-heading-ids. */
    anchorIds: AnchorIds;
    anchorAliases: AnchorAliases;
  }
}

export {};
