/**
 * A picture written into the Markdown itself as a `data:` URL. Google Docs' "Download →
 * Markdown" writes every picture of a document so (`![][image1]` … `[image1]:
 * <data:image/png;base64,iVBOR…>`); until 2026-12-07 each was refused, so no such document
 * with a picture could be built.
 *
 * Nothing is fetched and no file is read: the picture is the URL's own bytes. They are judged
 * as a picture file is (src/files/image.ts: a type every output carries, the content that type,
 * whole, at most 100 megapixels), and reach the outputs as one: the PDF's page draws the
 * `data:` URL (its policy allows `img-src data:`), the EPUB packages the bytes as a file of
 * its own (`media/embedded-<hash>.png`), the web page keeps the URL.
 *
 * The URL is read by `data-urls` (the WHATWG Fetch Standard's `data:` URL processor, jsdom's),
 * loaded only when a part holds such a picture.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type ParseDataUrl from 'data-urls';
import { checkImageBytes, type ImageCheck } from './image.js';
import { IMAGE_EXTENSIONS_TEXT, IMAGE_MEDIA_TYPES, imageExtension } from './media-types.js';
import { MAX_ASSET_BYTES } from './read.js';

/** Whether an image's address is a `data:` URL (as a browser reads one: spaces around it and the scheme's case do not count). */
export function isDataUrl(url: string): boolean {
  return /^[\u0000-\u0020]*data:/i.test(url);
}

const ALLOWED = new Set(Object.values(IMAGE_MEDIA_TYPES));
/** How the picture is named in messages, where a file is named by its path. */
const LABEL = 'embedded as a data: URL';

let parse: typeof ParseDataUrl | undefined;
/**
 * The last pictures judged, by URL: `check` and `build` ask about one picture at several
 * stages (safety, lint, sanitizer, cache key, packager), and decoding and reading a large
 * one whole each time would cost more than the rest of its part.
 */
const judged = new Map<string, ImageCheck>();
const REMEMBERED = 64;

/** The picture a `data:` URL holds, or why it cannot be one of the book's pictures. */
export function embeddedImage(url: string): ImageCheck {
  let found = judged.get(url);
  if (!found) {
    found = judge(url);
    if (judged.size >= REMEMBERED) judged.delete(judged.keys().next().value as string);
    judged.set(url, found);
  }
  return found;
}

function judge(url: string): ImageCheck {
  parse ??= createRequire(import.meta.url)('data-urls') as typeof ParseDataUrl;
  const data = parse(url.trim());
  if (!data) return { ok: false, reason: `image ${LABEL} that cannot be read: not a valid data: URL`, ruleId: 'not-an-image' };
  const named = data.mimeType.essence;
  if (!ALLOWED.has(named)) {
    return { ok: false, reason: `image ${LABEL} of type ${named}: use ${IMAGE_EXTENSIONS_TEXT} (the EPUB 3 core media types, which every output can carry)`, ruleId: 'image-type' };
  }
  const bytes = data.body;
  if (bytes.length > MAX_ASSET_BYTES) {
    return { ok: false, reason: `image ${LABEL} is ${(bytes.length / 1024 / 1024).toFixed(0)} MB, more than the ${MAX_ASSET_BYTES / 1024 / 1024} MB a picture of a manuscript may be: make it smaller`, ruleId: 'image-too-large' };
  }
  const content = checkImageBytes(bytes, named, LABEL);
  if (!content.ok) return content;
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  return { ok: true, relPath: `embedded-${hash}${imageExtension(content.mediaType) ?? ''}`, mediaType: content.mediaType, bytes };
}
