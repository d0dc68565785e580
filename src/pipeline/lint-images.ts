/**
 * Lints `image-resolution` and `image-file-size`, for images that will print badly or
 * make every output heavy. A raster image is laid out at its pixel size (96 to the
 * inch, CSS's pixel) and at most the width of the text block, so it prints at
 * max(96, width ÷ text width) pixels per inch; under 300 it looks soft on paper. SVG
 * is drawn at any size and has no resolution. Runs after remark-safety, which has
 * already refused every image that is not a usable file inside the folder or a usable
 * picture written into the text.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Image, Root } from 'mdast';
import type { VFile } from 'vfile';
import { imageSize } from 'image-size';
import { visit } from 'unist-util-visit';
import type { ImageCheck } from '../files/image.js';

export interface ImageLintOptions {
  /** Width of the print text block, in inches (page width less the inside and outside margins). */
  textWidthIn: number;
  checkImage: (url: string) => ImageCheck;
}

export const MIN_PPI = 300;
/** 10 MB: past this an image makes the EPUB slow to open on an e-reader and the PDF slow to send. */
export const MAX_IMAGE_BYTES = 10_000_000;
const CSS_PX_PER_IN = 96;

export default function lintImages(options: ImageLintOptions) {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'image', (node: Image) => {
      const image = options.checkImage(node.url);
      if (!image.ok) return;
      const place = { place: node.position, source: 'pamphlet' };
      // A picture written into the text is named by what it is; it has no file name.
      const name = image.bytes ? 'embedded as a data: URL' : image.relPath;
      const bytes = image.bytes ? image.bytes.length : statSync(image.path).size;
      if (bytes > MAX_IMAGE_BYTES) {
        file.message(`image ${name} is ${(bytes / 1e6).toFixed(1)} MB, over ${MAX_IMAGE_BYTES / 1e6} MB: every EPUB and PDF carries it; make it smaller`, { ...place, ruleId: 'image-file-size' });
      }
      if (image.mediaType === 'image/svg+xml') return;
      let width: number | undefined;
      try {
        width = imageSize(image.bytes ?? readFileSync(image.path)).width;
      } catch {
        return;
      }
      if (!width) return;
      const printedIn = Math.min(width / CSS_PX_PER_IN, options.textWidthIn);
      const ppi = Math.round(width / printedIn);
      if (ppi < MIN_PPI) {
        file.message(`image ${name} prints at ${ppi} ppi (${width} px over ${printedIn.toFixed(2)} in): under ${MIN_PPI} ppi it looks soft on paper; use one at least ${Math.ceil(options.textWidthIn * MIN_PPI)} px wide`, { ...place, ruleId: 'image-resolution' });
      }
    });
  };
}
