/** The package document (OPF): metadata, manifest, spine. */
import type { PartMeta } from '../../document.js';
import type { AccessibilityMetadata } from './a11y.js';
import { escapeAttribute, escapeText } from './serialize.js';
import type { Imprint } from '../../style/imprint.js';

export interface ManifestItem {
  id: string;
  /** Relative to the OPF. */
  href: string;
  mediaType: string;
  properties?: string[];
}

export interface PackageInput {
  meta: PartMeta;
  /** doc.meta.publisher, else the series setting. */
  publisher: string | undefined;
  /** Rights, ISBN, description, subjects, source (pamphlet.yaml and the front matter). */
  imprint?: Imprint;
  accessibility: AccessibilityMetadata;
  manifest: ManifestItem[];
  /** Manifest ids in reading order. */
  spine: string[];
  /** Manifest id of the cover image, named again for EPUB 2 reading systems. */
  coverImageId: string;
  /** Manifest id of the NCX, for EPUB 2 reading systems. */
  ncxId?: string;
  /** The EPUB 2 guide: where the cover, contents and text are (Kindle conversion opens the book at `text`). */
  guide?: Array<{ type: string; title: string; href: string }>;
  /**
   * The print edition the page breaks come from (`urn:isbn:…`, else its name), as
   * `dc:source` refined by `source-of: pagination` (EPUB 3.2). EPUB Accessibility 1.1's
   * `a11y:pageBreakSource` says the same, but epubcheck 4.2.6 (Debian's) rejects it as an
   * undefined property; Ace by DAISY accepts either.
   */
  source?: string;
}

const IDENTIFIER_ID = 'pub-id';

export function packageDocument(input: PackageInput): string {
  const { meta, accessibility } = input;
  const lines: string[] = [];
  const add = (tag: string, attributes: Record<string, string | undefined>, value?: string): void => {
    const attrs = Object.entries(attributes)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, v]) => ` ${name}="${escapeAttribute(v)}"`)
      .join('');
    lines.push(value === undefined ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${escapeText(value)}</${tag}>`);
  };

  add('dc:identifier', { id: IDENTIFIER_ID }, meta.identifier);
  const imprint = input.imprint ?? {};
  // The EPUB's ISBN (else the one ISBN given) as a second identifier: the unique one stays
  // the stable identifier, which reading systems key annotations on.
  const isbn = imprint.isbn?.epub ?? imprint.isbn?.print;
  if (isbn) {
    const digits = isbn.replace(/^ISBN(?:-1[03])?:?\s*/i, '').replace(/[\s-]/g, '');
    add('dc:identifier', { id: 'isbn' }, `urn:isbn:${digits}`);
    // ONIX code list 5: 15 is an ISBN-13, 02 an ISBN-10.
    add('meta', { refines: '#isbn', property: 'identifier-type', scheme: 'onix:codelist5' }, digits.length === 13 ? '15' : '02');
  }
  // Reading systems show the first title; the refinement tells them what the second is.
  // The series is not a third dc:title (title-type collection): epubcheck and some
  // readers then take it for the book's title. belongs-to-collection carries it.
  add('dc:title', { id: 'title' }, meta.title);
  add('meta', { refines: '#title', property: 'title-type' }, 'main');
  if (meta.subtitle) {
    add('dc:title', { id: 'subtitle' }, meta.subtitle);
    add('meta', { refines: '#subtitle', property: 'title-type' }, 'subtitle');
  }
  meta.authors.forEach((author, index) => {
    const id = `creator-${index + 1}`;
    add('dc:creator', { id }, author);
    add('meta', { refines: `#${id}`, property: 'role', scheme: 'marc:relators' }, 'aut');
    add('meta', { refines: `#${id}`, property: 'display-seq' }, String(index + 1));
  });
  if (input.publisher) add('dc:publisher', {}, input.publisher);
  if (imprint.rights) add('dc:rights', {}, imprint.rights);
  if (imprint.description) add('dc:description', {}, imprint.description);
  for (const subject of imprint.subjects ?? []) add('dc:subject', {}, subject);
  if (imprint.source) add('dc:source', {}, imprint.source);
  add('dc:language', {}, meta.lang);
  if (meta.date) add('dc:date', {}, meta.date);
  if (input.source) {
    add('dc:source', { id: 'print-source' }, input.source);
    add('meta', { refines: '#print-source', property: 'source-of' }, 'pagination');
  }
  add('meta', { property: 'dcterms:modified' }, meta.modified);

  add('meta', { property: 'belongs-to-collection', id: 'c01' }, meta.series);
  add('meta', { refines: '#c01', property: 'collection-type' }, 'series');
  add('meta', { refines: '#c01', property: 'group-position' }, String(meta.part));

  for (const mode of accessibility.accessModes) add('meta', { property: 'schema:accessMode' }, mode);
  for (const modes of accessibility.accessModesSufficient) {
    add('meta', { property: 'schema:accessModeSufficient' }, modes);
  }
  for (const feature of accessibility.features) add('meta', { property: 'schema:accessibilityFeature' }, feature);
  for (const hazard of accessibility.hazards) add('meta', { property: 'schema:accessibilityHazard' }, hazard);
  add('meta', { property: 'schema:accessibilitySummary', 'xml:lang': 'en' }, accessibility.summary);
  if (accessibility.conformsTo) add('meta', { property: 'dcterms:conformsTo' }, accessibility.conformsTo);
  if (accessibility.certifiedBy) add('meta', { property: 'a11y:certifiedBy' }, accessibility.certifiedBy);

  add('meta', { name: 'cover', content: input.coverImageId });

  const manifest = input.manifest.map(
    (item) =>
      `<item id="${escapeAttribute(item.id)}" href="${escapeAttribute(item.href)}" media-type="${item.mediaType}"` +
      (item.properties?.length ? ` properties="${item.properties.join(' ')}"` : '') +
      '/>',
  );
  const spine = input.spine.map((idref) => `<itemref idref="${escapeAttribute(idref)}"/>`);
  const guide = (input.guide ?? []).map((ref) => `<reference type="${escapeAttribute(ref.type)}" title="${escapeAttribute(ref.title)}" href="${escapeAttribute(ref.href)}"/>`);

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="${IDENTIFIER_ID}" xml:lang="${escapeAttribute(meta.lang)}">`,
    '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
    ...lines.map((line) => `    ${line}`),
    '  </metadata>',
    '  <manifest>',
    ...manifest.map((line) => `    ${line}`),
    '  </manifest>',
    input.ncxId ? `  <spine toc="${escapeAttribute(input.ncxId)}">` : '  <spine>',
    ...spine.map((line) => `    ${line}`),
    '  </spine>',
    ...(guide.length ? ['  <guide>', ...guide.map((line) => `    ${line}`), '  </guide>'] : []),
    '</package>',
    '',
  ].join('\n');
}
