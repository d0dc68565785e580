/**
 * The one document model every renderer reads. The pipeline (src/pipeline) turns a
 * part's Markdown into a PartDocument; renderers (src/render) only rearrange it for
 * their medium (print footnotes, EPUB pop-up notes, handout margins) and never
 * re-parse Markdown or consult the bibliography themselves.
 */
import type { Element, ElementContent, Root } from 'hast';
import type { CoverImage, Imprint } from './style/imprint.js';

export interface NextPart {
  /** "Next:" in the part's language (src/words.ts). */
  lead: string;
  /** As shown after it, e.g. "Part II: The Evolution of Revolution". */
  label: string;
  /** An explicit link target (front matter `href`, or `base-url` + file name). */
  href?: string;
  /** File slug of the next part when it is in the same manuscript folder. */
  slug?: string;
}

export interface PartMeta {
  series: string;
  subtitle?: string;
  title: string;
  part: number;
  /** "Part I" style label, Roman numerals. */
  partLabel: string;
  authors: string[];
  publisher?: string;
  /** BCP 47 language tag, e.g. "en". */
  lang: string;
  /** Stable identifier: front matter `identifier`, else `urn:uuid:` derived from content. */
  identifier: string;
  date?: string;
  /** ISO 8601 UTC without milliseconds (SOURCE_DATE_EPOCH, else derived from the content). */
  modified: string;
  next: NextPart | null;
  /** Output base name, e.g. "celebrating-red-october-1". */
  slug: string;
  /** The part's Markdown file, for errors found after the pipeline (a block the layout lost). */
  sourcePath?: string;
  /** Rights, ISBN, edition, … : the series' with the part's front matter over them. */
  imprint?: Imprint;
  /** The cover image (the part's `cover:`, else the series'); none: the generated cover. */
  cover?: CoverImage;
  /** The title's id, where the text began with a heading repeating it: links to that heading land on the title. */
  titleId?: string;
}

export interface Section {
  id: string;
  title: string;
  depth: number;
}

export interface Note {
  /** Element id of the note body, e.g. "note-3"; the call has id "noteref-3". */
  id: string;
  /** 1-based, in reading order. */
  number: number;
  kind: 'footnote' | 'citation';
  /** Flow content of the note (paragraphs for footnotes, a <p> for citation notes). */
  content: ElementContent[];
  /** Ids of the calls to this note in the text, in order: a note referenced twice has two. */
  calls: string[];
}

export interface Bibliography {
  /** "Works Cited" or as the locale/config says. */
  title: string;
  /** One <div class="csl-entry"> per work, in the style's order. */
  entries: Element[];
}

export interface Questions {
  title: string;
  /** One <li> per question, in order. */
  items: Element[];
}

export interface PartDocument {
  meta: PartMeta;
  /**
   * The text flow, without the title block, notes, questions, bibliography, or
   * (unless `nextPartInBody`) the next-part line.
   *
   * Shapes inside:
   * - sections: `<h2 id="…">` (deeper headings h3…);
   * - paragraphs of the text: `<p id="p12" data-pn="12">` (stable ¶ numbers);
   * - quotations: `<figure class="quote"><blockquote>…</blockquote><figcaption>— …</figcaption></figure>`;
   * - note calls: `<a class="noteref" id="noteref-3" href="#note-3" data-note="3">3</a>`;
   * - author-date citations: `<span class="citation">(Carr 1950, 12)</span>`;
   * - `::pagebreak`: `<div class="pagebreak"></div>`.
   */
  body: Root;
  sections: Section[];
  notes: Note[];
  bibliography: Bibliography | null;
  questions: Questions | null;
  /** Whether `questions` also appear in the PDF and EPUB (not `handout-only`). */
  questionsInText: boolean;
  /** `<p class="next-part">Next: …</p>` (an `<a>` inside when there is an href). */
  nextPart: Element | null;
  /** True when `::next-part` placed the line inside `body`. */
  nextPartInBody: boolean;
  /** Number of ¶-numbered paragraphs. */
  paragraphCount: number;
}
