/**
 * Soft hyphens for justified print. This Chromium ignores `hyphens: auto`, and
 * justified text on an A5 measure without hyphenation opens rivers of white; so we
 * insert U+00AD with Liang's patterns (the `hyphen` package, TeX's pattern files) and
 * let the browser break only there (`hyphens: manual`). Print only: soft hyphens in an
 * EPUB would get in the way of search and text-to-speech on some readers.
 */
import type { Element, ElementContent, Root } from 'hast';
import { createRequire } from 'node:module';

export const SOFT_HYPHEN = '\u00AD';

export interface HyphenateOptions {
  /** BCP 47 tag of the text; a `lang` attribute inside the tree overrides it there. */
  lang: string;
  /** Words shorter than this stay whole. */
  minWordLength?: number;
  /** Letters that must stay before the first break ("re-" is fine, "a-" is not). */
  leftMin?: number;
  /** Letters that must go to the next line ("-ly" reads badly, so 3 by default; 2 in German). */
  rightMin?: number;
}

/**
 * Languages whose typesetting carries fewer letters over than English's three: German
 * breaks "Kommu-ne", "Plebe-jer" (Duden; TeX's hyph-utf8 sets \righthyphenmin 2 for it).
 */
const RIGHT_MIN: Readonly<Record<string, number>> = { de: 2 };

type PatternHyphenator = (text: string) => string;
interface HyphenatorSettings {
  async?: boolean;
  html?: boolean;
  hyphenChar?: string;
  minWordLength?: number;
}
// hyphen ships no type declarations; this is the part of its CommonJS API we use.
type CreateHyphenator = (patterns: unknown, settings: HyphenatorSettings) => PatternHyphenator;

const require = createRequire(import.meta.url);

/** Tags whose pattern file is not simply named after them. */
const PATTERN_ALIASES: Readonly<Record<string, string>> = {
  en: 'en-us',
  'en-ca': 'en-us',
  'en-au': 'en-gb',
  'en-nz': 'en-gb',
  'en-ie': 'en-gb',
  'en-za': 'en-gb',
  'en-in': 'en-gb',
  de: 'de-1996',
  'de-de': 'de-1996',
  'de-at': 'de-1996',
  'de-ch': 'de-ch-1901',
  el: 'el-monoton',
  mn: 'mn-cyrl',
  sr: 'sr-cyrl',
  'sr-latn': 'sh-latn',
  'pt-br': 'pt',
  'pt-pt': 'pt',
};

const SKIPPED_ELEMENTS = new Set([
  'code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'math', 'svg', 'textarea',
  // Headings are set ragged and short; a broken heading looks like a mistake.
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
]);

const cache = new Map<string, PatternHyphenator | null>();

/** The pattern file name for a language tag, or null when `hyphen` has none. */
export function patternNameFor(lang: string): string | null {
  const tag = lang.trim().toLowerCase().replace(/_/g, '-');
  // Also keeps anything odd out of the module path below.
  if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(tag)) return null;
  const subtags = tag.split('-');
  for (let n = subtags.length; n >= 1; n--) {
    const candidate = subtags.slice(0, n).join('-');
    const name = PATTERN_ALIASES[candidate] ?? candidate;
    try {
      require.resolve(`hyphen/patterns/${name}.js`);
      return name;
    } catch {
      // try the shorter tag
    }
  }
  return null;
}

/** Hyphenates one word (letters only) with the patterns; null for unsupported languages. */
export function hyphenatorFor(lang: string): PatternHyphenator | null {
  const name = patternNameFor(lang);
  if (name === null) return null;
  let hyphenator = cache.get(name);
  if (hyphenator === undefined) {
    const createHyphenator = require('hyphen/hyphen.js') as CreateHyphenator;
    const patterns: unknown = require(`hyphen/patterns/${name}.js`);
    // html: false, or "a < b" in a text node would hide the rest of the text from it.
    hyphenator = createHyphenator(patterns, { html: false, minWordLength: 1 });
    cache.set(name, hyphenator);
  }
  return hyphenator;
}

/** Drops breaks closer to a word's ends than the limits allow. */
function trimBreaks(hyphenated: string, leftMin: number, rightMin: number): string {
  const pieces = hyphenated.split(SOFT_HYPHEN);
  const total = pieces.reduce((sum, piece) => sum + [...piece].length, 0);
  let out = pieces[0] ?? '';
  let done = [...out].length;
  for (const piece of pieces.slice(1)) {
    const keep = done >= leftMin && total - done >= rightMin;
    out += (keep ? SOFT_HYPHEN : '') + piece;
    done += [...piece].length;
  }
  return out;
}

const WORD = /[\p{L}\p{M}]+/gu;
// Soft hyphens inside a URL or an address would come along when it is copied.
const LINKISH = /:\/\/|www\.|@/;

/** The limits `hyphenateText` applies for `options`, and the key its known words are kept under. */
function limitsOf(options: HyphenateOptions): { minWordLength: number; leftMin: number; rightMin: number; key: string } {
  const minWordLength = options.minWordLength ?? 6;
  const leftMin = options.leftMin ?? 2;
  const rightMin = options.rightMin ?? RIGHT_MIN[options.lang.toLowerCase().split('-')[0] ?? ''] ?? 3;
  return { minWordLength, leftMin, rightMin, key: `${options.lang.toLowerCase()}|${leftMin}|${rightMin}|${minWordLength}` };
}

/** Inserts soft hyphens into one run of text. */
export function hyphenateText(text: string, options: HyphenateOptions): string {
  if (LINKISH.test(text)) return text;
  const { minWordLength, leftMin, rightMin, key } = limitsOf(options);
  const known = wordsFor(key);
  // The patterns are loaded at the first word not known yet: the handout's words are all
  // known once the pamphlet's print HTML is written.
  let hyphenate: PatternHyphenator | null | undefined;
  return text.replace(WORD, (word) => {
    // Every word seen is kept with what it became, the short ones and acronyms as they are:
    // a book's words come back many times, and the tests below cost more than the lookup.
    let broken = known.get(word);
    if (broken !== undefined) return broken;
    // Fewer UTF-16 units than the minimum is fewer letters too; only a longer word is counted.
    if (word.length < minWordLength || [...word].length < minWordLength) broken = word;
    // Acronyms ("USSR", "RSDLP") are not words to break; caseless scripts are.
    else if (word === word.toUpperCase() && word !== word.toLowerCase()) broken = word;
    else {
      hyphenate ??= hyphenatorFor(options.lang);
      // A language without patterns: nothing kept, since no word of it is ever broken.
      if (hyphenate === null) return word;
      broken = trimBreaks(hyphenate(word), leftMin, rightMin);
    }
    if (known.size < MAX_KNOWN_WORDS) known.set(word, broken);
    return broken;
  });
}

/**
 * Words already broken, by language and limits: a book uses a few thousand words many
 * times over, and the patterns cost far more than a lookup. Bounded, for a text of
 * made-up words.
 */
const knownWords = new Map<string, Map<string, string>>();
const MAX_KNOWN_WORDS = 200_000;

function wordsFor(key: string): Map<string, string> {
  let known = knownWords.get(key);
  if (!known) knownWords.set(key, (known = new Map()));
  return known;
}

function visit(node: Root | Element, options: HyphenateOptions): void {
  for (const child of node.children as Array<ElementContent>) {
    if (child.type === 'text') {
      child.value = hyphenateText(child.value, options);
    } else if (child.type === 'element') {
      if (SKIPPED_ELEMENTS.has(child.tagName)) continue;
      const className = child.properties['className'];
      if (Array.isArray(className) && className.includes('no-hyphens')) continue;
      const lang = child.properties['lang'];
      visit(child, typeof lang === 'string' && lang !== '' ? { ...options, lang } : options);
    }
  }
}

/** Mutates `tree`: soft hyphens in every hyphenatable text node. */
export function hyphenateTree(tree: Root | Element, options: HyphenateOptions): void {
  visit(tree, options);
}

/** The same as a unified plugin, for a processor chain. */
export default function rehypeHyphenate(options: HyphenateOptions): (tree: Root) => void {
  return (tree) => hyphenateTree(tree, options);
}
