/**
 * The one table of image types a manuscript may use, read by `check`, the EPUB
 * packager, the HTML page and the preview alike, so that `check` refuses exactly what
 * `build` would. It is EPUB 3's core media types: anything else (WebP, AVIF, TIFF)
 * would need a fallback epubcheck insists on.
 */
export const IMAGE_MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The media type of an image file name (by its extension, any case), if allowed. */
export function imageMediaType(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : IMAGE_MEDIA_TYPES[fileName.slice(dot).toLowerCase()];
}

/** The extension a file of that media type is given (the table's first: `.jpg` for JPEG). */
export function imageExtension(mediaType: string): string | undefined {
  return Object.keys(IMAGE_MEDIA_TYPES).find((extension) => IMAGE_MEDIA_TYPES[extension] === mediaType);
}

export const IMAGE_EXTENSIONS_TEXT = 'PNG, JPEG, GIF or SVG';

/** Font files a manuscript's stylesheet may name in url() (the EPUB's font core media types). */
export const FONT_MEDIA_TYPES: Readonly<Record<string, string>> = { '.ttf': 'font/ttf', '.otf': 'font/otf', '.woff2': 'font/woff2', '.woff': 'font/woff' };

export function fontMediaType(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : FONT_MEDIA_TYPES[fileName.slice(dot).toLowerCase()];
}
