/**
 * Smart punctuation and no-break spaces, by language, in every format; never inside
 * code, keyboard input or URLs.
 *
 * Quotes, dashes and ellipses come from retext-smartypants. Quotes are paired over
 * the whole text of a block (so `"*Capital*"` pairs around the emphasis), the way
 * remark-smartypants does it: first the length-preserving quote pass on the block's
 * concatenated text, then the length-changing passes (dashes, ellipses) node by node.
 * Then, per language: the quote characters (en “ ” ‘ ’, de „ “ ‚ ‘, fr « » with narrow
 * no-break spaces, ru « » „ “, …), apostrophes, number ranges (24-25 → 24–25), and
 * no-break spaces where a line must not break ("vol. 1", "p. 43", "E. H. Carr",
 * "World War I", "90 km", before a spaced dash and before a note call).
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import type { VFile } from 'vfile';
import { retext } from 'retext';
import smartypants from 'retext-smartypants';

export interface TypographyOptions {
  /** BCP 47 tag of the part; a `lang` attribute inside overrides it there. */
  lang: string;
  /** `smart: false` in pamphlet.yaml keeps quotes and dashes as typed (no-break spaces still apply). */
  smart: boolean;
}

interface Quotes {
  double: [string, string];
  single: [string, string];
}

const QUOTES: Record<string, Quotes> = {
  en: { double: ['“', '”'], single: ['‘', '’'] },
  de: { double: ['„', '“'], single: ['‚', '‘'] },
  fr: { double: ['«', '»'], single: ['‹', '›'] },
  ru: { double: ['«', '»'], single: ['„', '“'] },
  uk: { double: ['«', '»'], single: ['„', '“'] },
  es: { double: ['«', '»'], single: ['“', '”'] },
  it: { double: ['«', '»'], single: ['“', '”'] },
  pt: { double: ['«', '»'], single: ['“', '”'] },
  'pt-br': { double: ['“', '”'], single: ['‘', '’'] },
  nl: { double: ['“', '”'], single: ['‘', '’'] },
  pl: { double: ['„', '”'], single: ['«', '»'] },
  cs: { double: ['„', '“'], single: ['‚', '‘'] },
  sv: { double: ['”', '”'], single: ['’', '’'] },
  fi: { double: ['”', '”'], single: ['’', '’'] },
  da: { double: ['»', '«'], single: ['›', '‹'] },
  el: { double: ['«', '»'], single: ['“', '”'] },
};

/** Elements whose text is typed as is. */
const VERBATIM = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'math', 'svg']);
/** Elements that start a new run of text (quotes never pair across them). */
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'caption', 'figcaption', 'dt', 'dd', 'blockquote', 'div', 'section', 'figure', 'ol', 'ul', 'table', 'thead', 'tbody', 'tr']);
const URLISH = /:\/\/|^www\.|\S@\S/;

type Punctuators = ReturnType<typeof makePunctuators>;
const processors = new Map<string, Punctuators>();

function quotesFor(lang: string): Quotes {
  const tag = lang.toLowerCase();
  return QUOTES[tag] ?? QUOTES[tag.split('-')[0] ?? ''] ?? (QUOTES.en as Quotes);
}

function processorsFor(lang: string) {
  const quotes = quotesFor(lang);
  const key = `${quotes.double.join('')}${quotes.single.join('')}`;
  let found = processors.get(key);
  if (!found) {
    found = makePunctuators(quotes);
    processors.set(key, found);
  }
  return found;
}

function makePunctuators(quotes: Quotes) {
  const marks = {
    openingQuotes: { double: quotes.double[0], single: quotes.single[0] },
    closingQuotes: { double: quotes.double[1], single: quotes.single[1] },
  };
  return {
    // Length-preserving: safe to run on a block's text and cut back into nodes.
    quotes: retext().use(smartypants, { ...marks, dashes: false, ellipses: false, backticks: false }),
    // Backticks stay: in Markdown they mark code, and a run of them left as text (``` `` ```) is meant as typed.
    rest: retext().use(smartypants, { quotes: false, dashes: 'oldschool', ellipses: true, backticks: false }),
  };
}

export default function rehypeTypography(options: TypographyOptions) {
  return (tree: Root, file: VFile): void => {
    // Blocks smart punctuation cannot read keep what was typed, with a warning at them.
    const unread = (node: Root | Element, why: Unread): void => {
      file.message(`smart punctuation could not read this block (${UNREAD_REASONS[why]}): its quotes, dashes and ellipses are left as typed`, {
        ...(node.position ? { place: node.position } : {}),
        ruleId: 'smart-punctuation',
        source: 'pamphlet',
      });
    };
    // A part may be in another language than the series (its front matter's `lang`).
    walkBlocks(tree, file.data.meta?.lang ?? options.lang, options, unread);
  };
}

/**
 * Why a block's text was not given to smart punctuation. `stack`: retext's parser (parse-latin)
 * spreads a word's pieces into one call, and a "word" of hundreds of thousands of them
 * (`a'a'a'…`, 600 KB) overflowed the stack, ending the build with "Maximum call stack size
 * exceeded" and no place. `marks`: parse-latin merges each sentence without a word into the
 * one before with an array splice, and smartypants removes each spaced ellipsis's dots the same
 * way, so their cost grows with the square of a block's full stops: 20,000 `. . .` in one
 * paragraph took 1.4 s, 100,000 took 69 s (red team, 2026-12-03).
 */
type Unread = 'stack' | 'marks';
const UNREAD_REASONS: Record<Unread, string> = {
  stack: 'its parser ran out of stack on one run of text without spaces, hundreds of thousands of characters long',
  marks: 'it holds more than 20,000 full stops, question and exclamation marks, which smart punctuation would take minutes over',
};

/** The most sentence marks a block may hold and be given to smart punctuation; past it, 0.2 s and rising with their square. */
const MAX_SENTENCE_MARKS = 20_000;

/** Whether `text` holds more than MAX_SENTENCE_MARKS of `.`, `!` and `?`. */
function tooManyMarks(text: string): boolean {
  if (text.length <= MAX_SENTENCE_MARKS) return false;
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code === 46 || code === 33 || code === 63) && ++marks > MAX_SENTENCE_MARKS) return true;
  }
  return false;
}

function walkBlocks(node: Root | Element, lang: string, options: TypographyOptions, unread: (node: Root | Element, why: Unread) => void): void {
  const here = node.type === 'element' && typeof node.properties.lang === 'string' && node.properties.lang ? node.properties.lang : lang;
  if (node.type === 'element' && VERBATIM.has(node.tagName)) return;
  const { run, foreign } = textRun(node, here);
  const unreadWhy = run.length ? typesetRun(run, here, options) : undefined;
  if (unreadWhy) unread(node, unreadWhy);
  // A phrase in another language (`:span[…]{lang=de}`) gets that language's quotes and rules.
  for (const phrase of foreign) walkBlocks(phrase, here, options, unread);
  for (const child of node.children) {
    if (child.type === 'element' && (BLOCKS.has(child.tagName) || hasBlockInside(child))) walkBlocks(child, here, options, unread);
  }
  noBreakBeforeNoteCalls(node);
}

function hasBlockInside(node: Element): boolean {
  return node.children.some((child) => child.type === 'element' && (BLOCKS.has(child.tagName) || hasBlockInside(child)));
}

/**
 * The text nodes of `node` that belong to its own run (not to nested blocks), in order,
 * with `null` for verbatim gaps; and the phrases inside it in another language than
 * `lang`, which stand as a gap in the run and are set as runs of their own.
 */
function textRun(node: Root | Element, lang: string): { run: Array<Text | null>; foreign: Element[] } {
  const out: Array<Text | null> = [];
  const foreign: Element[] = [];
  const collect = (children: readonly (ElementContent | Root['children'][number])[]) => {
    for (const child of children) {
      if (child.type === 'text') out.push(URLISH.test(child.value) ? null : child);
      else if (child.type === 'element') {
        if (BLOCKS.has(child.tagName)) continue;
        if (VERBATIM.has(child.tagName) || (child.tagName === 'a' && isAutolink(child))) {
          out.push(null);
          continue;
        }
        const own = child.properties.lang;
        if (typeof own === 'string' && own !== '' && own.toLowerCase() !== lang.toLowerCase()) {
          out.push(null);
          foreign.push(child);
          continue;
        }
        collect(child.children);
      }
    }
  };
  collect(node.children);
  return { run: out.some((n) => n !== null) ? out : [], foreign };
}

function isAutolink(node: Element): boolean {
  const href = node.properties.href;
  const text = node.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
  return typeof href === 'string' && (href === text || href === `mailto:${text}` || href.endsWith(text));
}

/** What `rest` changes: `--`/`---` (dashes), three dots with or without spaces (ellipses). */
const SMARTYPANTS_REST = /--|\.\s*\.\s*\./;

/** Sets a run's typography in place; why smart punctuation could not read it, if it could not (its text then kept as typed). */
function typesetRun(run: Array<Text | null>, lang: string, options: TypographyOptions): Unread | undefined {
  const primary = lang.toLowerCase().split('-')[0] ?? 'en';
  let unread: Unread | undefined;
  if (options.smart) {
    const { quotes, rest } = processorsFor(lang);
    // Verbatim pieces stand in as letters, so quotes on either side pair as in the source.
    const joined = run.map((node) => (node ? node.value : 'x')).join('');
    // retext parses a text into sentences and words before smartypants looks at it, which costs
    // more than the rest of the pipeline together; a text without a straight quote (or without
    // `--` and three dots) is what smartypants would give back, so it is not parsed.
    const smarten = (processor: typeof quotes, text: string): string => {
      if (tooManyMarks(text)) {
        unread = 'marks';
        return text;
      }
      try {
        return String(processor.processSync(text));
      } catch (cause) {
        if (!(cause instanceof RangeError)) throw cause;
        unread = 'stack';
        return text;
      }
    };
    const quoted = /["']/.test(joined) ? smarten(quotes, joined) : joined;
    let at = 0;
    for (const node of run) {
      if (!node) {
        at += 1;
        continue;
      }
      const length = node.value.length;
      const piece = quoted.slice(at, at + length);
      node.value = SMARTYPANTS_REST.test(piece) ? smarten(rest, piece) : piece;
      at += length;
    }
  }
  const closingSingle = quotesFor(lang).single[1];
  for (const node of run) {
    if (!node) continue;
    let value = node.value;
    if (options.smart) {
      // An apostrophe is ’ in every language, whatever its closing single quote looks like.
      if (closingSingle !== '’') value = value.replace(new RegExp(`(?<=\\p{L})${escape(closingSingle)}(?=\\p{L})`, 'gu'), '’');
      // Number ranges: 1917-1921, pp. 24-25 (an ISO date keeps its hyphens).
      if (DIGIT_HYPHEN_DIGIT.test(value)) value = value.replace(/(?<![\p{L}\d-])(\d+)-(\d+)(?![\d-])/gu, '$1–$2');
      if (primary === 'fr') value = frenchSpacing(value);
    }
    node.value = noBreaks(value);
  }
  return unread;
}

function frenchSpacing(value: string): string {
  return value
    .replace(/«[ \u00A0]*/g, '«\u202F')
    .replace(/[ \u00A0]*»/g, '\u202F»')
    .replace(/[ \u00A0]+([;:!?])/g, '\u202F$1');
}

const NBSP = '\u00A0';
/**
 * Abbreviations that belong with the number after them. The full stop leads and the number
 * ahead is tested before the abbreviation behind: led by the lookbehind, the rule tried every
 * abbreviation at each letter of the text (15 ms of an x10 build; now 1), for the same matches.
 */
const BEFORE_NUMBER = /\.(?=[ ]+[\dIVXLCDMivxlcdm]+\b)(?<=(?<![\p{L}\d])(?:vols?|pp?|chs?|chap|nos?|figs?|arts?|secs?|paras?|nn?|ll?|pts?|bks?|eds?|cf|S|Bd|Nr|Kap|Abs|t|s|т|с|гл)\.)[ ]+/gu;
const UNITS = /(\d)[ ]+(?=(?:%|‰|km|kg|mm|cm|m|g|mg|t|mi|ft|in|lb|oz|°C|°F|°|h|min|s|ha|l|ml|kW|MW|V|A|€|\$|£|per cent|percent)(?![\p{L}\d]))/gu;

const DAY_MONTH = /(?<![\p{L}\d])(\d{1,2})[ ]+(?=(?:January|February|March|April|May|June|July|August|September|October|November|December|Januar|Februar|März|Juni|Juli|Oktober|Dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)(?![\p{L}]))/gu;

// Each rule below is tried only where a cheap test finds what any match of it must contain
// (every rule needs a space; issue 13). The tests run on the text as the rules before have
// left it, so the result is the same as running every rule.
const DIGIT_HYPHEN_DIGIT = /\d-\d/;
const DIGIT_SPACE = /\d /;
const SPACE_NUMERAL = / [IVXLC]/;
const SPACE_DASH = / [–—]/;
const NUMBER_SIGN = /No\.|[№§¶]/;
const NAME_NUMERAL = / (?=[ ]*[IVXLC]+(?![\p{L}\d]))(?<=\p{Lu}\p{Ll}+ )[ ]*/gu;

function noBreaks(value: string): string {
  if (!value.includes(' ')) return value;
  let out = value;
  if (out.includes('. ')) out = out.replace(BEFORE_NUMBER, `.${NBSP}`);
  if (NUMBER_SIGN.test(out)) out = out.replace(/(No\.|№|§§?|¶)[ ]+(?=\d)/gu, `$1${NBSP}`);
  // Initials: E. H. Carr, V. I. Lenin.
  if (out.includes('. ')) out = out.replace(/(?<![\p{L}.])(\p{Lu}\.)[ ]+(?=\p{Lu})/gu, `$1${NBSP}`);
  // A name and its numeral: World War I, Part II, Nicholas II. The space comes first and the
  // name is looked for behind it, and only where a numeral follows: led by the lookbehind, the
  // rule read back over every word at each of its letters (130 ms of an x10 build; 20 with the
  // space first; now 2).
  if (SPACE_NUMERAL.test(out)) out = out.replace(NAME_NUMERAL, NBSP);
  if (DIGIT_SPACE.test(out)) {
    out = out.replace(UNITS, `$1${NBSP}`);
    // A day and its month ("25 October", "13 March"): a date is read as one word.
    out = out.replace(DAY_MONTH, `$1${NBSP}`);
  }
  // A spaced dash never starts a line.
  if (SPACE_DASH.test(out)) out = out.replace(/[ ]+([–—])(?=[ ]|$)/gu, `${NBSP}$1`);
  return out;
}

/** A space before a note call would let the call start a line on its own. */
function noBreakBeforeNoteCalls(node: Root | Element): void {
  const children = node.children as ElementContent[];
  for (let i = 1; i < children.length; i++) {
    const child = children[i];
    const before = children[i - 1];
    if (child?.type === 'element' && child.tagName === 'a' && Array.isArray(child.properties.className) && child.properties.className.includes('noteref') && before?.type === 'text') {
      before.value = before.value.replace(/[ ]+$/, NBSP);
    }
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
