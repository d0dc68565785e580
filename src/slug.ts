/**
 * Output file names come from the series title ("Celebrating Red October" →
 * `celebrating-red-october-1.pdf`). Titles in any script get a name: other scripts are
 * transliterated to Latin letters (the `transliteration` package: "Красный Октябрь" →
 * `krasnyy-oktyabr`); what has no transliteration keeps its own letters; never empty.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** File systems allow 255 bytes per name: the slug leaves room for "-9999-handout.pdf" and a temp prefix. */
const MAX_BYTES = 160;

export function slugify(text: string): string {
  const normal = text.normalize('NFKC');
  const latin = asciiSlug(ASCII.test(normal) ? normal : transliterate(normal));
  if (latin) return cut(latin);
  // Letters and digits of any script, as they are: a valid file name everywhere we write.
  const unicode = text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return cut(unicode) || 'pamphlet';
}

const ASCII = /^[\x00-\x7F]*$/;

/**
 * Loaded only for a title with letters outside ASCII, which it leaves as they are: its
 * tables take some 40 ms to load, a tenth of what every command spends before it reads a file.
 */
function transliterate(text: string): string {
  return (require('transliteration') as typeof import('transliteration')).transliterate(text);
}

function asciiSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function cut(slug: string): string {
  let out = '';
  for (const char of slug) {
    if (Buffer.byteLength(out + char) > MAX_BYTES) break;
    out += char;
  }
  return out.replace(/-+$/, '');
}
