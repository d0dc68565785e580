/** The works cited, as a back-matter content document of its own. */
import type { ElementContent } from 'hast';
import type { Bibliography } from '../../document.js';
import { bibliographySection } from '../../blocks.js';

export const BIBLIOGRAPHY_HEADING_ID = 'bibliography-title';

export function bibliographyContent(bibliography: Bibliography): ElementContent[] {
  return [bibliographySection(bibliography, { heading: BIBLIOGRAPHY_HEADING_ID }, 'reader')];
}
