/**
 * Accessibility metadata (schema.org terms, EPUB Accessibility 1.1), stated
 * from what this renderer actually produces for this book, never as boilerplate.
 */

export interface AccessibilityFacts {
  /** <img> elements in the text (the cover is always there besides). */
  images: number;
  /** Whether every one of them has an alt attribute. */
  allImagesHaveAlt: boolean;
  notes: number;
  /** The print edition whose page breaks the text marks and the page-list lists; none without one. */
  printEdition?: { source: string };
  /** The text sets none of its own colours or styles (inline `style`), which could fail contrast. */
  noAuthorStyles: boolean;
  /** Every `lang` in the text is a well-formed language tag. */
  languagesValid: boolean;
  /** Who claims the conformance (the publisher), if anyone can. */
  publisher?: string;
  /** The ¶ numbers are shown. */
  paragraphNumbers: boolean;
}

export interface AccessibilityMetadata {
  accessModes: string[];
  /** Each entry one set of modes that suffices, comma-joined as schema.org wants. */
  accessModesSufficient: string[];
  features: string[];
  hazards: string[];
  /** Always English for now; the OPF marks its language. */
  summary: string;
  /** `dcterms:conformsTo`, only where the book meets it. */
  conformsTo?: string;
  /** `a11y:certifiedBy`, only with a conformance claim. */
  certifiedBy?: string;
}

/** The conformance EPUB Accessibility 1.1 names for a book that meets WCAG 2.1 AA. */
export const CONFORMANCE = 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA';

export function accessibilityMetadata(facts: AccessibilityFacts): AccessibilityMetadata {
  const altText = facts.allImagesHaveAlt;
  const features = [
    'structuralNavigation', // h1/h2 headings, sections labelled by them
    'tableOfContents', // nav.xhtml
    'readingOrder', // one spine, in text order
    'ARIA', // DPUB-ARIA roles on notes, bibliography and cover
    'displayTransformability', // styles/epub.css leaves fonts, sizes and colours to the reader
  ];
  // The cover image has a full text alternative; body images only if the author gave one.
  if (altText) features.push('alternativeText');
  // printPageNumbers is the older name of pageBreakMarkers; reading systems know one or the other.
  if (facts.printEdition) features.push('printPageNumbers', 'pageBreakMarkers', 'pageNavigation');

  const sentences = [
    'This publication is structured with headings, a table of contents and landmarks, and follows a single reading order.',
  ];
  if (facts.printEdition) {
    sentences.push(`The page breaks of the print edition (${facts.printEdition.source}) are marked in the text and listed in a page list, so a page number finds the same place as in the printed copy.`);
  }
  if (facts.paragraphNumbers) sentences.push('Paragraph numbers are shown at the start of each paragraph and are not read aloud; each paragraph can be reached by its number.');
  if (facts.notes > 0) {
    sentences.push('Notes are linked from their reference in the text and link back to it.');
  }
  sentences.push(
    altText
      ? 'The cover and all images have text alternatives.'
      : 'The cover has a text alternative; some images do not.',
  );
  sentences.push('Text size, fonts and colours can be changed in the reading system.');

  // WCAG 2.1 AA, as far as a renderer can know it: every image described, no colours of
  // the author's own, valid languages, and the print edition's pages navigable (EPUB
  // Accessibility asks for them when the book has a print equivalent, as every pamphlet does).
  const conforms = altText && facts.noAuthorStyles && facts.languagesValid && facts.printEdition !== undefined;
  return {
    // The cover is an image, so visual content is always present.
    accessModes: ['textual', 'visual'],
    accessModesSufficient: altText ? ['textual'] : ['textual,visual'],
    features,
    hazards: ['none'],
    summary: sentences.join(' '),
    ...(conforms ? { conformsTo: CONFORMANCE, ...(facts.publisher ? { certifiedBy: facts.publisher } : {}) } : {}),
  };
}
