/**
 * YAML as pamphlet.yaml and front matter use it: parsed by the `yaml` package with
 * positions, aliases resolved as YAML says (`publisher: *me` is the anchored string),
 * and a document whose aliases multiply (a "billion laughs" bomb) refused fast, at the
 * first alias, instead of expanding until memory runs out.
 */
import { Lexer, LineCounter, isAlias, isMap, isNode, isPair, isSeq, parseDocument, visit, type Alias, type Document, type Node as YamlNode } from 'yaml';

export interface YamlProblem {
  /** 1-based, relative to the YAML text. */
  line: number;
  column: number;
  reason: string;
}

export interface YamlRead {
  doc: Document;
  lineCounter: LineCounter;
  /** The document as plain data; undefined when there are problems. */
  data: unknown;
  problems: YamlProblem[];
}

/**
 * yaml's default (100) already stops exponential growth, but counts per alias:
 * a config needs a handful of aliases at most, so a far lower limit answers sooner.
 */
const MAX_ALIAS_COUNT = 50;

export function readYaml(written: string): YamlRead {
  // YAML 1.2 counts a lone CR as a line break (files saved with classic Mac OS line ends);
  // the yaml package reads only LF and CRLF, and took such a file for one long line. Same
  // length, so every offset and place stays as it was.
  const text = written.replace(/\r(?!\n)/g, '\n');
  const lineCounter = new LineCounter();
  // The composer recurses once per level: a flow collection nested thousands deep is refused first, at its place.
  const tooDeep = deepestFlowOpening(text);
  const doc = parseDocument(tooDeep === undefined ? text : '', { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (tooDeep !== undefined) {
    const counted = new LineCounter();
    counted.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) counted.addNewLine(i + 1);
    const pos = counted.linePos(tooDeep);
    return { doc, lineCounter: counted, data: undefined, problems: [{ line: pos.line, column: pos.col, reason: `nested more than ${MAX_DEPTH} levels deep` }] };
  }
  const problems: YamlProblem[] = doc.errors.map((yamlError) => ({ ...at(yamlError.pos[0]), reason: plain(yamlError.message.split('\n')[0] ?? yamlError.message) }));
  if (problems.length) return { doc, lineCounter, data: undefined, problems };
  try {
    return { doc, lineCounter, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems };
  } catch (cause) {
    if (!(cause instanceof ReferenceError)) {
      const reason = plain(`cannot read this YAML: ${cause instanceof Error ? cause.message : String(cause)}`);
      return { doc, lineCounter, data: undefined, problems: [{ line: 1, column: 1, reason }] };
    }
    const unresolved = /^Unresolved alias/.test(cause.message) ? unresolvedAlias(doc) : undefined;
    if (unresolved) {
      const reason = `the alias \`*${unresolved.source}\` has no anchor \`&${unresolved.source}\` before it`;
      return { doc, lineCounter, data: undefined, problems: [{ ...at(unresolved.range?.[0] ?? 0), reason }] };
    }
    const bomb = culprit(doc.contents as YamlNode, doc);
    const place = at(firstAlias(bomb)?.range?.[0] ?? bomb.range?.[0] ?? 0);
    const reason = 'too many aliases: the `*aliases` here expand to many copies of their anchors (a “billion laughs” YAML bomb), refused before they fill memory';
    return { doc, lineCounter, data: undefined, problems: [{ ...place, reason }] };
  }
}

const MAX_DEPTH = 64;
/** The yaml lexer's control tokens, which stand for no source text. */
const CONTROL = new Set(['\x02', '\x18', '\x1f']);

/** The offset of the first `[` or `{` nested deeper than MAX_DEPTH, read with the yaml package's own lexer. */
function deepestFlowOpening(text: string): number | undefined {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > MAX_DEPTH) return offset;
    } else if (token === ']' || token === '}') depth--;
    if (!CONTROL.has(token)) offset += token.length;
  }
  return undefined;
}

/** The parser's own words, except for a stack overflow, which only means "too deep". */
function plain(reason: string): string {
  return /Maximum call stack size exceeded/.test(reason) ? 'nested too deeply: lists and mappings inside one another, thousands of levels down' : reason;
}

/** The innermost collection that is too big to expand on its own: where the bomb is. */
function culprit(node: YamlNode, doc: Document): YamlNode {
  const children: YamlNode[] = isMap(node) || isSeq(node)
    ? node.items.flatMap((item) => (isPair(item) ? [item.value] : [item])).filter((child): child is YamlNode => isNode(child))
    : [];
  for (const child of children) {
    try {
      child.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      return culprit(child, doc);
    }
  }
  return node;
}

/** The first alias that names no anchor before it (yaml reports it only when converting). */
function unresolvedAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_key, alias) {
      if (alias.resolve(doc) !== undefined) return undefined;
      found = alias;
      return visit.BREAK;
    },
  });
  return found;
}

function firstAlias(node: YamlNode): YamlNode | undefined {
  let found: YamlNode | undefined;
  visit(node, {
    Alias(_key, alias) {
      found = alias;
      return visit.BREAK;
    },
  });
  return found;
}

/** The node an alias stands for (positions stay the alias's own). */
export function resolved(node: YamlNode | null | undefined, doc: Document): YamlNode | null | undefined {
  return node && isAlias(node) ? (node.resolve(doc) as YamlNode | undefined) : node;
}
