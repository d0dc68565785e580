// The EPUB's accessibility metadata (src/render/epub/a11y.ts), in process: what the book is
// said to offer, for each set of facts about it, written out — a claim a reading system and a
// library catalogue act on, so a wrong one is a promise broken.
import { describe, expect, test } from 'vitest';
import { accessibilityMetadata, CONFORMANCE, type AccessibilityFacts } from '../../src/render/epub/a11y.js';

const BEST: AccessibilityFacts = {
  images: 2,
  allImagesHaveAlt: true,
  notes: 3,
  printEdition: { source: 'urn:isbn:9783161484100' },
  noAuthorStyles: true,
  languagesValid: true,
  publisher: 'Reading Room',
  paragraphNumbers: true,
};

const STRUCTURE = 'This publication is structured with headings, a table of contents and landmarks, and follows a single reading order.';
const PAGES = 'The page breaks of the print edition (urn:isbn:9783161484100) are marked in the text and listed in a page list, so a page number finds the same place as in the printed copy.';
const NUMBERS = 'Paragraph numbers are shown at the start of each paragraph and are not read aloud; each paragraph can be reached by its number.';
const NOTES = 'Notes are linked from their reference in the text and link back to it.';
const ALL_ALT = 'The cover and all images have text alternatives.';
const SOME_ALT = 'The cover has a text alternative; some images do not.';
const CHANGE = 'Text size, fonts and colours can be changed in the reading system.';
const BASE_FEATURES = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'ARIA', 'displayTransformability'];

describe('accessibility metadata', () => {
  test('a book that meets WCAG 2.1 AA: conformance claimed, certified by its publisher', () => {
    expect(CONFORMANCE).toBe('EPUB Accessibility 1.1 - WCAG 2.1 Level AA');
    expect(accessibilityMetadata(BEST)).toEqual({
      accessModes: ['textual', 'visual'],
      accessModesSufficient: ['textual'],
      features: [...BASE_FEATURES, 'alternativeText', 'printPageNumbers', 'pageBreakMarkers', 'pageNavigation'],
      hazards: ['none'],
      summary: [STRUCTURE, PAGES, NUMBERS, NOTES, ALL_ALT, CHANGE].join(' '),
      conformsTo: 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA',
      certifiedBy: 'Reading Room',
    });
  });

  test('without a publisher the claim stands, with nobody certifying it', () => {
    const { publisher: _, ...facts } = BEST;
    const meta = accessibilityMetadata(facts);
    expect(meta.conformsTo).toBe('EPUB Accessibility 1.1 - WCAG 2.1 Level AA');
    expect('certifiedBy' in meta).toBe(false);
  });

  test('an image without alt text: the visual mode is needed, no alternativeText, no claim', () => {
    expect(accessibilityMetadata({ ...BEST, allImagesHaveAlt: false })).toEqual({
      accessModes: ['textual', 'visual'],
      accessModesSufficient: ['textual,visual'],
      features: [...BASE_FEATURES, 'printPageNumbers', 'pageBreakMarkers', 'pageNavigation'],
      hazards: ['none'],
      summary: [STRUCTURE, PAGES, NUMBERS, NOTES, SOME_ALT, CHANGE].join(' '),
    });
  });

  test('no claim with the author’s own styles, with an ill-formed language, or without the print edition’s pages', () => {
    for (const facts of [{ ...BEST, noAuthorStyles: false }, { ...BEST, languagesValid: false }]) {
      const meta = accessibilityMetadata(facts);
      expect('conformsTo' in meta || 'certifiedBy' in meta).toBe(false);
      expect(meta.summary).toBe([STRUCTURE, PAGES, NUMBERS, NOTES, ALL_ALT, CHANGE].join(' '));
    }
    const { printEdition: _, ...noPages } = BEST;
    expect(accessibilityMetadata(noPages)).toEqual({
      accessModes: ['textual', 'visual'],
      accessModesSufficient: ['textual'],
      features: [...BASE_FEATURES, 'alternativeText'],
      hazards: ['none'],
      summary: [STRUCTURE, NUMBERS, NOTES, ALL_ALT, CHANGE].join(' '),
    });
  });

  test('no notes and no ¶ numbers: neither is mentioned', () => {
    expect(accessibilityMetadata({ ...BEST, notes: 0, paragraphNumbers: false }).summary).toBe([STRUCTURE, PAGES, ALL_ALT, CHANGE].join(' '));
    expect(accessibilityMetadata({ ...BEST, notes: 1, paragraphNumbers: false }).summary).toBe([STRUCTURE, PAGES, NOTES, ALL_ALT, CHANGE].join(' '));
  });
});
