/**
 * What a publisher prints on the back of the title page, and an EPUB carries as
 * metadata: `rights`, `isbn`, `edition`, `publisher-address`, `printer`, `description`,
 * `subjects`, `source`, and the `cover` image. pamphlet.yaml gives them for the series,
 * a part's front matter for that part (its value replaces the series'). Read here for
 * both, with the same rules and messages.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkImageFile } from '../files/image.js';
import { checkIsbn } from './isbn.js';

export interface Imprint {
  /** The licence or copyright line, e.g. "CC BY-SA 4.0". */
  rights?: string;
  /** As written (hyphens kept), checksum verified; `print` for the PDFs, `epub` for the EPUB. */
  isbn?: { print?: string; epub?: string };
  edition?: string;
  publisherAddress?: string;
  printer?: string;
  description?: string;
  subjects?: string[];
  /** The original publication: a URL or a citation. */
  source?: string;
}

export interface CoverImage {
  /** As written in the config, relative to the manuscript folder. */
  rel: string;
  /** Real path. */
  path: string;
  mediaType: 'image/jpeg' | 'image/png';
  /** SHA-256 of the file, for the build cache. */
  digest: string;
}

export const IMPRINT_KEYS = ['rights', 'isbn', 'edition', 'publisher-address', 'printer', 'description', 'subjects', 'source', 'cover'] as const;

/** Reports a problem at a key (the caller knows where the key is). */
export type Fail = (key: string, reason: string, ruleId?: string) => void;

/** Reads the imprint keys of a mapping (pamphlet.yaml or front matter); unknown keys are the caller's business. */
export function readImprint(values: Record<string, unknown>, fail: Fail): Imprint {
  const imprint: Imprint = {};
  const text = (key: string): string | undefined => {
    const value = values[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !value.trim()) {
      fail(key, `\`${key}\` must be text`);
      return undefined;
    }
    return value.trim();
  };
  const rights = text('rights');
  if (rights) imprint.rights = rights;
  const edition = values.edition;
  if (typeof edition === 'number') imprint.edition = String(edition);
  else {
    const given = text('edition');
    if (given) imprint.edition = given;
  }
  const address = text('publisher-address');
  if (address) imprint.publisherAddress = address;
  const printer = text('printer');
  if (printer) imprint.printer = printer;
  const description = text('description');
  if (description) imprint.description = description;
  const source = text('source');
  if (source) imprint.source = source;

  const subjects = values.subjects;
  if (subjects !== undefined) {
    const list = typeof subjects === 'string' ? [subjects] : subjects;
    if (!Array.isArray(list) || !list.every((s) => typeof s === 'string' && s.trim())) fail('subjects', '`subjects` must be a subject, or a list of subjects');
    else imprint.subjects = list.map((s: string) => s.trim());
  }

  const isbn = values.isbn;
  if (isbn !== undefined) {
    // A number would lose an ISBN-10's leading zero or its X: the YAML must say it as text.
    const forms: Record<string, unknown> = typeof isbn === 'object' && isbn !== null && !Array.isArray(isbn) ? (isbn as Record<string, unknown>) : { print: isbn, epub: isbn };
    const unknown = Object.keys(forms).filter((key) => key !== 'print' && key !== 'epub');
    if (unknown.length) fail('isbn', `unknown key in \`isbn\`: ${unknown.join(', ')} (an ISBN, or { print: …, epub: … })`);
    const result: NonNullable<Imprint['isbn']> = {};
    const checked = new Map<string, boolean>();
    for (const form of ['print', 'epub'] as const) {
      const value = forms[form];
      if (value === undefined) continue;
      // One ISBN for both: one message.
      if (checked.has(String(value))) {
        if (checked.get(String(value))) result[form] = String(value).trim();
        continue;
      }
      if (typeof value !== 'string' && typeof value !== 'number') {
        fail('isbn', `\`isbn\` must be an ISBN such as 978-3-16-148410-0, or { print: …, epub: … }`);
        continue;
      }
      const check = checkIsbn(String(value));
      checked.set(String(value), check.ok);
      if (!check.ok) fail('isbn', check.reason, 'isbn');
      else result[form] = String(value).trim();
    }
    if (result.print || result.epub) imprint.isbn = result;
  }
  return imprint;
}

/** `cover:`: a PNG or JPEG inside the folder (the two every reading system and store takes as a cover). */
export function readCover(dir: string, value: unknown, fail: Fail): CoverImage | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value.trim()) {
    fail('cover', '`cover` must be the path of a PNG or JPEG file inside the manuscript folder (images/cover.jpg)');
    return undefined;
  }
  const checked = checkImageFile(dir, value);
  if (!checked.ok) {
    fail('cover', `cover: ${checked.reason}`, checked.ruleId);
    return undefined;
  }
  if (checked.mediaType !== 'image/jpeg' && checked.mediaType !== 'image/png') {
    fail('cover', `cover: ${value} must be a PNG or JPEG: e-book stores and Kindle and Kobo conversion take no other cover`);
    return undefined;
  }
  return { rel: value, path: checked.path, mediaType: checked.mediaType, digest: createHash('sha256').update(readFileSync(checked.path)).digest('hex') };
}

/** The series' imprint with a part's over it, key by key. */
export function mergeImprint(series: Imprint, part: Imprint | undefined): Imprint {
  return { ...series, ...(part ?? {}) };
}

/** Whether there is anything to print on an imprint page. */
export function hasImprint(imprint: Imprint): boolean {
  return Boolean(imprint.rights || imprint.isbn || imprint.edition || imprint.publisherAddress || imprint.printer || imprint.source);
}
