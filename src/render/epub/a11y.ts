/**
 * Accessibility metadata (schema.org terms, EPUB Accessibility 1.0), stated
 * from what this renderer actually produces for this book, never as boilerplate.
 */

export interface AccessibilityFacts {
  /** <img> elements in the text (the cover is always there besides). */
  images: number;
  /** Whether every one of them has an alt attribute. */
  allImagesHaveAlt: boolean;
  notes: number;
}

export interface AccessibilityMetadata {
  accessModes: string[];
  /** Each entry one set of modes that suffices, comma-joined as schema.org wants. */
  accessModesSufficient: string[];
  features: string[];
  hazards: string[];
  /** Always English for now; the OPF marks its language. */
  summary: string;
}

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

  const sentences = [
    'This publication is structured with headings, a table of contents and landmarks, and follows a single reading order.',
  ];
  if (facts.notes > 0) {
    sentences.push('Notes are linked from their reference in the text and link back to it.');
  }
  sentences.push(
    altText
      ? 'The cover and all images have text alternatives.'
      : 'The cover has a text alternative; some images do not.',
  );
  sentences.push('Text size, fonts and colours can be changed in the reading system.');

  return {
    // The cover is an image, so visual content is always present.
    accessModes: ['textual', 'visual'],
    accessModesSufficient: altText ? ['textual'] : ['textual,visual'],
    features,
    hazards: ['none'],
    summary: sentences.join(' '),
  };
}
