/**
 * Images of the text: each `<img src>` (relative to the manuscript folder) is
 * read through the caller, stored once in the package under media/, and its
 * src rewritten to that path; a picture written into the text as a `data:` URL is
 * stored the same way, under a name made from its content.
 */
import { posix } from 'node:path';
import type { Nodes } from 'hast';
import { elements } from './tree.js';
import { contentMediaType } from '../../files/image.js';
import { IMAGE_EXTENSIONS_TEXT, imageExtension, imageMediaType } from '../../files/media-types.js';
import { bytesForEpub } from './svg-mend.js';
import { embeddedImage, isDataUrl } from '../../files/embedded-image.js';
import { isPlaceholderAlt } from '../../pipeline/placeholder-alt.js';

export interface PackagedImage {
  /** Manifest id. */
  id: string;
  /** Path inside the package, relative to the OPF (and the text document). */
  href: string;
  mediaType: string;
  data: Uint8Array;
}

export interface ImageReport {
  images: PackagedImage[];
  /** Whether every <img> has an alt attribute (for the accessibility metadata). */
  allHaveAlt: boolean;
  count: number;
}

export function packageImages(
  nodes: readonly Nodes[],
  readAsset: ((relPath: string) => Uint8Array) | undefined,
): ImageReport {
  const byPath = new Map<string, PackagedImage>();
  const taken = new Set<string>();
  let allHaveAlt = true;
  let count = 0;

  for (const img of elements(nodes)) {
    if (img.tagName !== 'img') continue;
    count++;
    const src = img.properties.src;
    if (typeof src !== 'string' || src === '') throw new Error('EPUB: an image has no src');
    // Notion's `Untitled` or the file's name says nothing of the picture: no text alternative (placeholder-alt.ts).
    if (typeof img.properties.alt !== 'string' || isPlaceholderAlt(img.properties.alt, src)) allHaveAlt = false;
    // A picture written into the text as a `data:` URL (embedded-image.ts) is a file of its own here.
    const embedded = isDataUrl(src) ? embeddedImage(src) : undefined;
    if (embedded && !embedded.ok) throw new Error(`EPUB: ${embedded.reason}`);
    // Stored once by content: Google Docs writes a picture used twice as two URLs.
    const relPath = embedded ? `data:${embedded.relPath}` : manuscriptPath(src);
    let image = byPath.get(relPath);
    if (!image && embedded?.bytes) {
      image = { id: `img-${byPath.size + 1}`, href: packagePath(embedded.relPath, embedded.mediaType, taken), mediaType: embedded.mediaType, data: bytesForEpub(embedded.mediaType, embedded.bytes) };
      byPath.set(relPath, image);
    }
    if (!image) {
      if (!readAsset) throw new Error(`EPUB: ${relPath}: no readAsset option to read the image with`);
      const bytes = readAsset(relPath);
      // The table `check` uses too, so a type refused here was already refused there.
      const mediaType = contentMediaType(relPath, bytes);
      if (!mediaType) {
        throw new Error(`EPUB: ${relPath}: use ${IMAGE_EXTENSIONS_TEXT} (EPUB 3 core media types)`);
      }
      image = {
        id: `img-${byPath.size + 1}`,
        href: packagePath(relPath, mediaType, taken),
        mediaType,
        data: bytesForEpub(mediaType, bytes),
      };
      byPath.set(relPath, image);
    }
    img.properties.src = image.href;
  }
  return { images: [...byPath.values()], allHaveAlt, count };
}

/** The manuscript-relative file path of an `src`; refuses anything outside the folder. */
function manuscriptPath(src: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/')) {
    throw new Error(`EPUB: image ${src}: only files inside the manuscript folder can be packaged`);
  }
  const withoutQuery = src.replace(/[?#].*$/, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutQuery);
  } catch {
    decoded = withoutQuery;
  }
  const normal = posix.normalize(decoded);
  if (normal === '..' || normal.startsWith('../')) {
    throw new Error(`EPUB: image ${src} lies outside the manuscript folder`);
  }
  return normal;
}

/**
 * A package path under media/ with only URL-safe characters: epubcheck warns
 * about spaces and other characters in file names, and hrefs need no escaping. Its
 * extension is the content's (a PNG named .jpeg is `.png` here): epubcheck warns of a
 * name that says another type (PKG-022).
 */
function packagePath(relPath: string, mediaType: string, taken: Set<string>): string {
  const named = `media/${relPath.replace(/[^A-Za-z0-9._/-]/g, '_')}`;
  const safe = imageMediaType(named) === mediaType ? named : `${named.slice(0, named.length - posix.extname(named).length)}${imageExtension(mediaType) ?? ''}`;
  const ext = posix.extname(safe);
  let path = safe;
  for (let n = 2; taken.has(path); n++) path = `${safe.slice(0, safe.length - ext.length)}-${n}${ext}`;
  taken.add(path);
  return path;
}
