/**
 * Loads the manuscript's bibliography (BibTeX/BibLaTeX or CSL-JSON, by extension)
 * into CSL-JSON items keyed by citation key. Every problem is an error at its line
 * and column in the bibliography file: a syntax error at the entry it breaks, a
 * duplicate key at its second entry, a CSL-JSON item of the wrong shape at the field.
 */
import path from 'node:path';
import { VFile } from 'vfile';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { bibtexGrammar, parse as parseBibtexFile } from '@citation-js/plugin-bibtex/lib/input/file.js';
import { SyntaxKind, createScanner, getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { ManuscriptError, error } from '../diagnostics.js';
import { readTextInside } from '../files/read.js';

/** A CSL-JSON item; citeproc and citation-js both speak it. */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  translator?: CslName[];
  [field: string]: unknown;
}
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface Bibliography {
  path: string;
  items: Map<string, CslItem>;
  /** Line of each entry's key in the source file, for "never cited" warnings. */
  lines: Map<string, number>;
}

interface Place {
  line: number;
  column: number;
}

/** An item and where its key is written. */
interface Located {
  item: CslItem;
  key: string;
  place: Place;
}

/** `root`: the manuscript folder the file must really be in (links followed). */
/**
 * Parsed bibliographies by path, with the text they were parsed from: a preview or a
 * watch re-reads the file on every change, but parses it again only when it changed.
 */
const parsed = new Map<string, { text: string; bibliography: Bibliography }>();

export function loadBibliography(filePath: string, root = path.dirname(filePath)): Bibliography {
  const file = new VFile({ path: filePath });
  const read = readTextInside(root, filePath);
  if (!read.ok) {
    const place = read.problem === 'encoding' ? { line: read.line, column: read.column } : { line: 1, column: 1 };
    throw new ManuscriptError([error(file, read.reason, { place, ruleId: read.problem === 'encoding' ? 'encoding' : 'outside-folder', source: 'pamphlet' })]);
  }
  const known = parsed.get(filePath);
  if (known && known.text === read.text) return known.bibliography;
  const bibliography = parseBibliography(filePath, read.text, file);
  parsed.set(filePath, { text: read.text, bibliography });
  return bibliography;
}

function parseBibliography(filePath: string, text: string, file: VFile): Bibliography {
  file.value = text;
  const located = filePath.endsWith('.json') ? parseCslJson(text, file) : parseBibtex(text, file);
  const map = new Map<string, CslItem>();
  const lines = new Map<string, number>();
  for (const { item, key, place } of located) {
    if (map.has(key)) {
      error(file, `duplicate bibliography key \`${key}\` (first at line ${lines.get(key)}): each entry needs its own key`, { place, ruleId: 'duplicate-key', source: 'pamphlet' });
      continue;
    }
    map.set(key, { ...item, id: key });
    lines.set(key, place.line);
  }
  if (file.messages.length) throw new ManuscriptError(file.messages);
  return { path: filePath, items: map, lines };
}

interface MooToken {
  type: string;
  value: string;
  line: number;
  col: number;
  offset: number;
}
interface MooLexer {
  reset(text: string): MooLexer;
  next(): MooToken | undefined;
  formatError(token: MooToken | undefined, message: string): string;
}

/**
 * citation-js's own BibTeX grammar and lexer do the parsing; we only watch the tokens
 * go by, to know where each entry starts and where its key is. A syntax error is then
 * reported at the entry it is in: an unclosed `{` swallows text up to the next
 * entry, and the parser notices only there.
 */
function parseBibtex(text: string, file: VFile): Located[] {
  const lexer = bibtexLexer();
  const entryStarts: MooToken[] = [];
  const labels: MooToken[] = [];
  let last: MooToken | undefined;
  const watched = {
    next(): MooToken | undefined {
      const token = lexer.next();
      if (token?.type === 'at') entryStarts.push(token);
      if (token?.type === 'label') labels.push(token);
      if (token) last = token;
      return token;
    },
    formatError: (token: MooToken | undefined, message: string) => lexer.formatError(token, message),
  };
  lexer.reset(text);
  let entries: Array<{ label: string }>;
  try {
    entries = (bibtexGrammar as { parse(lexer: unknown): Array<{ label: string }> }).parse(watched);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const stop = /at line (\d+) col (\d+)/.exec(message);
    const tooDeep = /Maximum call stack size exceeded/.test(message);
    const what = plainBibtexError((message.split('\n')[0] ?? message).replace(/ at line \d+ col \d+:?$/, ''));
    const entry = entryStarts[entryStarts.length - 1];
    const where = stop ? `line ${stop[1]}, column ${stop[2]}` : last ? `line ${last.line}, column ${last.col}` : 'the end of the file';
    error(
      file,
      tooDeep
        ? 'malformed BibTeX entry: its braces are nested thousands of levels deep'
        : entry
        ? `malformed BibTeX entry: it does not end where it should (an unclosed \`{\` or \`"\`, or a missing comma or \`}\`?); the parser stopped at ${where}: ${what}`
        : `malformed BibTeX: ${what} at ${where}`,
      { place: entry ? { line: entry.line, column: entry.col } : stop ? { line: Number(stop[1]), column: Number(stop[2]) } : { line: 1, column: 1 }, ruleId: 'bibtex-syntax', source: 'pamphlet' },
    );
    return [];
  }
  // @string and @preamble yield no entry and have no label, so entries and labels pair up in order.
  const items = plugins.input.chain(entries, { target: '@csl/list+object', generateGraph: false, forceType: '@biblatex/entries+list' }) as CslItem[];
  return items.map((item, index) => {
    const label = labels[index];
    return { item: joinLists(item), key: String(item['citation-key'] ?? item.id), place: label ? { line: label.line, column: label.col } : { line: 1, column: 1 } };
  });
}

/**
 * BibLaTeX's list fields (`publisher`, `location`, `institution`) are split at "and", and
 * citeproc drops a variable that is a list where CSL wants text: `publisher = {Simon and
 * Schuster}` vanished from notes and the Works Cited. Joined again, it reads as written.
 */
function joinLists(item: CslItem): CslItem {
  const out: CslItem = { ...item };
  for (const [name, value] of Object.entries(item)) {
    if (NAME_VARIABLES.has(name) || DATE_VARIABLES.has(name) || !Array.isArray(value)) continue;
    if (value.every((part): part is string => typeof part === 'string')) out[name] = value.join(' and ');
  }
  return out;
}

/** The grammar's token names, as an author would say them. */
const TOKEN_WORDS: Record<string, string> = {
  at: '`@` (the start of the next entry)', comma: 'a comma', label: 'an entry key', lbrace: '`{`', rbrace: '`}`', identifier: 'a field name',
  equals: '`=`', quote: '`"`', hash: '`#`', number: 'a number', text: 'text', dataEntryType: 'an entry type', EOF: 'the end of the file',
};

function plainBibtexError(message: string): string {
  const expected = /^expected "(\w+)", got "?(\w+)"?/.exec(message);
  if (expected) return `expected ${TOKEN_WORDS[expected[1] as string] ?? expected[1]}, found ${TOKEN_WORDS[expected[2] as string] ?? expected[2]}`;
  return message === 'invalid syntax' ? 'unexpected text' : message;
}

let mooLexer: MooLexer | undefined;

/**
 * The plugin's module-level moo lexer, which its exports do not name: a parse of
 * nothing attaches it to the grammar (as `lexer`), where it is taken once, before our
 * own parses attach the watching wrapper there instead.
 */
function bibtexLexer(): MooLexer {
  if (!mooLexer) {
    parseBibtexFile('');
    mooLexer = (bibtexGrammar as { lexer: MooLexer }).lexer;
  }
  return mooLexer;
}

/** CSL 1.0.2 name and date variables; every other variable is a string or a number. */
const NAME_VARIABLES = new Set(['author', 'chair', 'collection-editor', 'compiler', 'composer', 'container-author', 'contributor', 'curator', 'director', 'editor', 'editorial-director', 'executive-producer', 'guest', 'host', 'interviewer', 'illustrator', 'narrator', 'organizer', 'original-author', 'performer', 'producer', 'recipient', 'reviewed-author', 'script-writer', 'series-creator', 'translator']);
const DATE_VARIABLES = new Set(['accessed', 'available-date', 'event-date', 'issued', 'original-date', 'submitted']);

function parseCslJson(text: string, file: VFile): Located[] {
  const placeOf = (offset: number): Place => {
    const before = text.slice(0, offset);
    return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
  };
  const fail = (reason: string, node: JsonNode | undefined) =>
    error(file, reason, { place: placeOf(node?.offset ?? 0), ruleId: 'csl-json', source: 'pamphlet' });

  // parseTree recurses once per level: measure the depth first with the library's scanner.
  const tooDeep = deepestOpening(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    error(file, `malformed CSL-JSON: nested more than ${MAX_JSON_DEPTH} levels deep (a bibliography needs five)`, { place: placeOf(tooDeep), ruleId: 'csl-json-syntax', source: 'pamphlet' });
    return [];
  }
  const syntax: ParseError[] = [];
  const tree = parseTree(text, syntax, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (syntax.length) {
    const first = syntax[0] as ParseError;
    error(file, `malformed CSL-JSON: ${describeJsonError(printParseErrorCode(first.error))}`, { place: placeOf(first.offset), ruleId: 'csl-json-syntax', source: 'pamphlet' });
    return [];
  }
  if (!tree || tree.type !== 'array') {
    fail('a CSL-JSON bibliography is an array of items: [{"id": "carr1950", "type": "book", …}, …]', tree);
    return [];
  }
  const located: Located[] = [];
  for (const node of tree.children ?? []) {
    if (node.type !== 'object') {
      fail(`a CSL-JSON item is an object with "id" and "type", not ${jsonKind(node)}`, node);
      continue;
    }
    const fields = new Map<string, JsonNode>();
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (keyNode && valueNode) fields.set(String(keyNode.value), valueNode);
    }
    let ok = true;
    const field = (name: string, problem: string) => {
      fail(`CSL-JSON item field "${name}" ${problem}`, fields.get(name));
      ok = false;
    };
    const id = fields.get('id');
    if (!id) {
      fail('a CSL-JSON item needs an "id" (its citation key)', node);
      continue;
    }
    if (!((id.type === 'string' && String(id.value).trim()) || id.type === 'number')) field('id', 'must be a non-empty string or a number');
    const type = fields.get('type');
    if (!type) {
      fail('a CSL-JSON item needs a "type" (book, article-journal, chapter, …)', node);
      ok = false;
    } else if (type.type !== 'string') field('type', 'must be a string such as "book"');
    for (const [name, value] of fields) {
      if (name === 'id' || name === 'type') continue;
      if (NAME_VARIABLES.has(name)) {
        if (!isNameList(value)) field(name, 'must be a list of names: [{"family": "Carr", "given": "Edward Hallett"}] or [{"literal": "…"}]');
      } else if (DATE_VARIABLES.has(name)) {
        if (!isDate(value)) field(name, 'must be a date: {"date-parts": [[1950, 4, 1]]} or {"raw": "1950"}');
      } else if (name === 'custom') {
        if (value.type !== 'object') field(name, 'must be an object');
      } else if (value.type !== 'string' && value.type !== 'number') field(name, `must be a string or a number, not ${jsonKind(value)}`);
    }
    if (!ok) continue;
    const item = getNodeValue(node) as CslItem;
    const keyNode = fields.get('citation-key') ?? id;
    located.push({ item, key: String(item['citation-key'] ?? item.id), place: placeOf(keyNode.offset) });
  }
  return located;
}

/** "null", "an array", "a boolean": what a JSON value is, in words. */
function jsonKind(node: JsonNode): string {
  if (node.type === 'null') return 'null';
  return /^[aeiou]/.test(node.type) ? `an ${node.type}` : `a ${node.type}`;
}

const MAX_JSON_DEPTH = 64;

/** The offset of the first `[` or `{` deeper than `limit`, if any. */
function deepestOpening(text: string, limit: number): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBracketToken || token === SyntaxKind.OpenBraceToken) {
      if (++depth > limit) return scanner.getTokenOffset();
    } else if (token === SyntaxKind.CloseBracketToken || token === SyntaxKind.CloseBraceToken) depth--;
  }
  return undefined;
}

function isNameList(node: JsonNode): boolean {
  return node.type === 'array' && (node.children ?? []).every((name) =>
    name.type === 'object' && (name.children ?? []).every((property) => ['string', 'number', 'boolean'].includes(property.children?.[1]?.type ?? '')));
}

function isDate(node: JsonNode): boolean {
  if (node.type !== 'object') return false;
  return (node.children ?? []).every((property) => {
    const [key, value] = property.children ?? [];
    if (!key || !value) return false;
    if (key.value !== 'date-parts') return ['string', 'number', 'boolean'].includes(value.type);
    return value.type === 'array' && (value.children ?? []).length > 0 && (value.children ?? []).every((parts) =>
      parts.type === 'array' && (parts.children ?? []).length > 0 && (parts.children ?? []).length <= 3 && (parts.children ?? []).every((part) => part.type === 'number' || part.type === 'string'));
  });
}

const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a field name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'text after the end of the JSON',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'comments are not JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'malformed escape sequence',
  InvalidCharacter: 'a control character in a string',
};

function describeJsonError(code: string): string {
  return JSON_ERRORS[code] ?? code;
}
