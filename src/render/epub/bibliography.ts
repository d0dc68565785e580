/** The works cited, as a back-matter content document of its own. */
import type { ElementContent } from 'hast';
import type { Bibliography } from '../../document.js';
import { clone } from './tree.js';
import { element, text } from './xhtml.js';

export const BIBLIOGRAPHY_HEADING_ID = 'bibliography-title';

export function bibliographyContent(bibliography: Bibliography): ElementContent[] {
  return [
    element(
      'section',
      {
        'epub:type': 'bibliography',
        role: 'doc-bibliography',
        className: ['bibliography'],
        ariaLabelledBy: [BIBLIOGRAPHY_HEADING_ID],
      },
      [element('h2', { id: BIBLIOGRAPHY_HEADING_ID }, [text(bibliography.title)]), ...clone(bibliography.entries)],
    ),
  ];
}
