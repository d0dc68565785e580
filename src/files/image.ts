/**
 * An image a part embeds, judged as `build` will use it: a path relative to the
 * manuscript folder, really inside it (links followed), of a type every output can
 * carry, and a file whose content is that type. `check` calls this through the
 * pipeline, so it refuses exactly what `build` refuses.
 */
import { readFileSync } from 'node:fs';
import { imageSize } from 'image-size';
import { GIF } from 'image-size/types/gif';
import { JPG } from 'image-size/types/jpg';
import { PNG } from 'image-size/types/png';
import { normalizeUri } from 'micromark-util-sanitize-uri';
import { realInside } from './inside.js';
import { assetSizeProblem } from './read.js';
import { isCutShort, jpegFrameSize, rasterProblem, type RasterType } from './raster-whole.js';
import { IMAGE_EXTENSIONS_TEXT, imageMediaType } from './media-types.js';
import { svgProblem } from './svg-policy.js';

/** An image file, judged (`checkImageFile`). */
export type FileImageCheck =
  | {
      ok: true;
      /** Real path of the file. */ path: string;
      /** As written, decoded, relative to the folder. */ relPath: string;
      /** What the file holds, which is what every output declares. */ mediaType: string;
      /** Set when the name says another raster type than the content holds: the two types' names. */ misnamed?: Misnamed;
      bytes?: undefined;
    }
  | ImageRefused;

/** An image of the text, judged: a file, or a picture written into the text (embedded-image.ts). */
export type ImageCheck =
  | FileImageCheck
  | {
      ok: true;
      path?: undefined;
      /** The name made from its content, which the EPUB gives its file. */ relPath: string;
      mediaType: string;
      misnamed?: undefined;
      /** The picture, decoded from its `data:` URL. */ bytes: Uint8Array;
    };

export type ImageRefused = { ok: false; reason: string; ruleId: string };

export interface Misnamed {
  holds: string;
  named: string;
}

export type ContentCheck = { ok: true; mediaType: string; misnamed?: Misnamed } | { ok: false; reason: string; ruleId: string };

/** image-size's name for what each media type must contain, and its reader of that type's signature. */
const DETECTED: Readonly<Record<string, RasterType>> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' };
/** The other way round: the media type of what a file holds. */
const MEDIA_TYPES = Object.fromEntries(Object.entries(DETECTED).map(([mediaType, type]) => [type, mediaType])) as Readonly<Record<RasterType, string>>;
const isRaster = (type: string | undefined): type is RasterType => type !== undefined && Object.hasOwn(MEDIA_TYPES, type);
const SIGNATURES: Readonly<Record<string, { validate(input: Uint8Array): boolean }>> = { png: PNG, jpg: JPG, gif: GIF };
const NAMES: Readonly<Record<string, string>> = { png: 'PNG', jpg: 'JPEG', gif: 'GIF', svg: 'SVG', webp: 'WebP', bmp: 'BMP', tiff: 'TIFF', ico: 'ICO', avif: 'AVIF', heif: 'HEIF' };

/**
 * `url` is the image's destination as the Markdown tree holds it (`node.url`).
 * The same decoding as the renderers: CommonMark percent-encodes what a URL may
 * not hold (a lone `%` becomes `%25`), then the path is decoded.
 */
export function checkImageFile(manuscriptDir: string, url: string): FileImageCheck {
  const value = url.trim();
  if (!value) return { ok: false, reason: 'image without a file: write ![description](images/name.png)', ruleId: 'missing-image' };
  if (/^(https?:)?\/\//i.test(value)) {
    return { ok: false, reason: `image from the network is not allowed (${value}): the renderer never fetches; put the file in the manuscript folder`, ruleId: 'remote-resource' };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    return { ok: false, reason: `image ${value.slice(0, 60)}: only a file inside the manuscript folder can be an image (a path such as images/name.png, no URL scheme)`, ruleId: 'outside-folder' };
  }
  let relPath: string;
  try {
    relPath = decodeURIComponent(normalizeUri(value.replace(/[?#].*$/, '')));
  } catch {
    return { ok: false, reason: `image path ${value} is not a valid URL path (a % must be followed by two hex digits of UTF-8)`, ruleId: 'image-path' };
  }
  if (relPath.startsWith('/') || relPath.includes('\0')) return { ok: false, reason: `image outside the manuscript folder is not allowed: ${value}`, ruleId: 'outside-folder' };

  const inside = realInside(manuscriptDir, relPath);
  if (!inside.ok) {
    switch (inside.problem) {
      case 'outside': return { ok: false, reason: `image outside the manuscript folder is not allowed: ${value}`, ruleId: 'outside-folder' };
      case 'link-outside': return { ok: false, reason: `image outside the manuscript folder is not allowed: ${inside.reason}`, ruleId: 'outside-folder' };
      case 'missing': return { ok: false, reason: `image file not found: ${relPath}`, ruleId: 'missing-image' };
      default: return { ok: false, reason: `image ${inside.reason}`, ruleId: 'not-an-image' };
    }
  }
  const content = checkImageContent(inside.path, relPath);
  return content.ok ? { ...content, path: inside.path, relPath } : content;
}

/**
 * An image file already found inside the folder (`realPath`), judged by its type and its
 * content: the part's images, and the files a manuscript's stylesheet names.
 */
export function checkImageContent(realPath: string, relPath: string): ContentCheck {
  const named = imageMediaType(relPath);
  if (!named) {
    return { ok: false, reason: `image ${relPath}: use ${IMAGE_EXTENSIONS_TEXT} (the EPUB 3 core media types, which every output can carry)`, ruleId: 'image-type' };
  }
  const tooLarge = assetSizeProblem(realPath, relPath);
  if (tooLarge) return { ok: false, reason: `image ${tooLarge}`, ruleId: 'image-too-large' };
  return checkImageBytes(readFileSync(realPath), named, relPath);
}

/**
 * Image bytes judged against the type they are said to be (`named`, by a file's extension or a
 * `data:` URL's media type); `relPath` names them in messages.
 */
export function checkImageBytes(bytes: Uint8Array, named: string, relPath: string): ContentCheck {
  if (bytes.length === 0) return { ok: false, reason: `image ${relPath} is an empty file (0 bytes)`, ruleId: 'not-an-image' };
  const read = named === 'image/svg+xml' ? svgFileProblem(bytes) : readRaster(bytes, named);
  if (typeof read === 'string') return { ok: false, reason: `image ${relPath} ${read}`, ruleId: 'not-an-image' };
  const type = read ? (read.type ?? DETECTED[named]) : undefined;
  const mediaType = type ? MEDIA_TYPES[type] : named;
  if (read && read.width * read.height > MAX_PIXELS) {
    const megapixels = Math.round((read.width * read.height) / 1e6);
    return {
      ok: false,
      reason: `image ${relPath} is ${read.width} × ${read.height} pixels (${megapixels} megapixels): at most ${MAX_PIXELS / 1e6} megapixels, for every reader decodes all of them (4 bytes each) however small the file; 300 ppi over a whole A4 page is 9`,
      ruleId: 'image-pixels',
    };
  }
  // The whole file, not only its header: a file cut short prints as nothing.
  const whole = type ? rasterProblem(bytes, type) : undefined;
  if (whole) return { ok: false, reason: `image ${relPath} ${whole}`, ruleId: 'not-an-image' };
  if (!type || mediaType === named) return { ok: true, mediaType };
  return { ok: true, mediaType, misnamed: { holds: NAMES[type] ?? type, named: NAMES[DETECTED[named] ?? ''] ?? named } };
}

/**
 * The media type an image file is packaged as: what a PNG, JPEG or GIF holds, whatever its
 * name says (browsers and GitHub show a PNG named .jpeg, and an EPUB must declare what it
 * carries); otherwise the name's. `checkImageContent` has judged the file already.
 */
export function contentMediaType(relPath: string, bytes: Uint8Array): string | undefined {
  const named = imageMediaType(relPath);
  if (!named || !DETECTED[named]) return named;
  try {
    const type = imageSize(bytes).type;
    return isRaster(type) ? MEDIA_TYPES[type] : named;
  } catch {
    return named;
  }
}

/**
 * Past this, an image is refused: a small file can hold a picture too big to decode. A
 * 1.2 MB PNG of 20,000 × 20,000 pixels took 27 s and 3.3 GB of memory to print (2026-12-02),
 * and an e-reader decodes every pixel too. A 61-megapixel camera's photographs stay allowed.
 */
const MAX_PIXELS = 100_000_000;

/**
 * A raster image's size in pixels, and its type where that is another raster type than its
 * name says; or what is wrong with its file.
 */
function readRaster(bytes: Uint8Array, mediaType: string): string | { width: number; height: number; type?: RasterType } {
  const wanted = DETECTED[mediaType] as RasterType;
  let found: { type?: string; width?: number; height?: number };
  try {
    found = imageSize(bytes);
  } catch {
    if (wanted === 'jpg') {
      const frame = jpegFrameSize(bytes);
      if (frame?.width && frame.height) return frame;
    }
    if (!startsLike(bytes, wanted)) return `is not a ${NAMES[wanted]} image: its content is not an image at all (a renamed file?)`;
    // A file cut short before its size is said so, rather than "its header cannot be read".
    const whole = rasterProblem(bytes, wanted);
    return whole && isCutShort(whole) ? whole : `is a damaged ${NAMES[wanted]} image: its header cannot be read`;
  }
  const type = found.type;
  if (!isRaster(type)) {
    const name = NAMES[found.type ?? ''] ?? found.type ?? 'another kind of';
    // Said as letters, these begin with a vowel: "an SVG image".
    const article = ['SVG', 'AVIF', 'ICO'].includes(name) ? 'an' : 'a';
    return `holds ${article} ${name} image, not ${NAMES[wanted]}: give the file the extension of what it is`;
  }
  if (!found.width || !found.height) return `is a damaged ${NAMES[type]} image: it has no width or height`;
  return type === wanted ? { width: found.width, height: found.height } : { width: found.width, height: found.height, type };
}

/** Whether the file begins with the signature of `type` (a signature followed by a broken header counts). */
function startsLike(bytes: Uint8Array, type: string): boolean {
  try {
    return SIGNATURES[type]?.validate(bytes) ?? false;
  } catch {
    return true;
  }
}

function svgFileProblem(bytes: Uint8Array): string | undefined {
  const problem = svgProblem(new TextDecoder().decode(bytes));
  if (problem === 'not-svg') return 'is not an SVG image: its root element is not <svg xmlns="http://www.w3.org/2000/svg">';
  if (problem?.kind === 'malformed') return `is not well-formed SVG (its line ${problem.line}, column ${problem.column}: ${problem.reason})`;
  if (problem) return `(its line ${problem.line}, column ${problem.column}): ${problem.reason}`;
  return undefined;
}
