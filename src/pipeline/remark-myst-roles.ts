/**
 * MyST's targets and roles (Jupyter Book, MyST-Parser), as its documents write them:
 *
 * - `(my-label)=` on a line of its own names the block after it (a heading, mostly); CommonMark
 *   reads it as a paragraph, so it printed. It is an anchor at that block's first text
 *   (rehype-anchors.ts), which links reach.
 * - A role is a name in braces right before inline code: `` {ref}`my-label` ``, `` {ref}`the words
 *   <my-label>` ``, `` {cite}`darwin1859` ``, `` {sub}`2` ``. CommonMark reads the braces as text
 *   and the rest as code: "{ref}" printed before a code span of the label. Each becomes what it
 *   says: a reference a link to its target in this part (titled by its words, else by the
 *   heading the target names, else by the label), or its words where the target is elsewhere;
 *   `{cite}` (and sphinxcontrib-bibtex's `{cite:p}`, `{cite:t}` …) the citation `[@key]` makes, where
 *   the bibliography holds the keys; `{sub}`, `{sup}`, `{kbd}`, `{abbr}` their HTML; `{math}`,
 *   `{file}`, `{command}`, `{samp}` code; `{guilabel}`, `{menuselection}`, `{doc}`, `{term}`,
 *   `{download}` their words. A role pamphlet does not know stays as written.
 */
import type { Heading, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { error } from '../diagnostics.js';
import { PHRASING_PARENTS } from './bracket-spans.js';
import { anchorSpan, type Citation, type InlineContainer } from './mdast-nodes.js';
import { firstPhrasingParent } from './obsidian-block-ids.js';

export interface MystRolesOptions {
  /** Keys of the bibliography, for `{cite}`. */
  keys: ReadonlySet<string>;
}

const TARGET = /^\(([^()\s]+)\)=$/;
/** A role's name at a text's end, right before its code: `{ref}`, `{cite:p}`. */
const ROLE = /\{([a-z][\w:-]*)\}$/;
/** A reference's words and target: `the words <target>`. */
const TITLED = /^([\s\S]*?)\s*<([^<>]+)>$/;

const REFERENCES = new Set(['ref', 'numref', 'eq', 'any', 'doc', 'term', 'download', 'external']);
const WORDS = new Set(['guilabel', 'menuselection', 'dfn']);
const CODE = new Set(['file', 'command', 'samp', 'program', 'envvar', 'code', 'literal']);
const ELEMENTS: Readonly<Record<string, string>> = { sub: 'sub', sup: 'sup', kbd: 'kbd', abbr: 'abbr', subscript: 'sub', superscript: 'sup' };

export default function remarkMystRoles(options: MystRolesOptions) {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    const hasTarget = /^[ \t]*\([^()\s]+\)=[ \t]*$/m.test(source);
    if (!hasTarget && !source.includes('}`')) return;
    const targets = hasTarget ? targetsOf(tree) : new Map<string, string>();
    if (!source.includes('}`')) return;
    visit(tree, (node) => {
      if (!PHRASING_PARENTS.has(node.type)) return;
      const children = (node as Parent).children as PhrasingContent[];
      for (let i = 0; i + 1 < children.length; i++) {
        const text = children[i];
        const code = children[i + 1];
        if (text?.type !== 'text' || code?.type !== 'inlineCode') continue;
        const role = ROLE.exec(text.value);
        if (!role?.[1]) continue;
        const made = roleOf(role[1], code.value, code.position, targets, options.keys, file);
        if (!made) continue;
        const before = text.value.slice(0, role.index);
        children.splice(i, 2, ...(before ? [{ ...text, value: before }] : []), ...made);
      }
    });
  };
}

/** The part's `(label)=` lines taken out, each an anchor at the next block's text; label → the heading it names. */
function targetsOf(tree: Root): Map<string, string> {
  const targets = new Map<string, string>();
  visit(tree, (node) => {
    if (!('children' in node) || PHRASING_PARENTS.has(node.type)) return;
    const children = (node as Parent).children as RootContent[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      const only = child?.type === 'paragraph' && child.children.length === 1 ? child.children[0] : undefined;
      const label = only?.type === 'text' ? TARGET.exec(only.value.trim())?.[1] : undefined;
      if (!label) continue;
      const next = children[i + 1] ?? children[i - 1];
      const at = next ? firstPhrasingParent(next) : undefined;
      if (!at) continue;
      (at.children as PhrasingContent[]).unshift(anchorSpan(label) as PhrasingContent);
      const heading = children[i + 1]?.type === 'heading' ? toString(children[i + 1] as Heading) : '';
      targets.set(label, heading);
      children.splice(i, 1);
      i--;
    }
  });
  return targets;
}

function roleOf(role: string, content: string, place: Text['position'], targets: ReadonlyMap<string, string>, keys: ReadonlySet<string>, file: VFile): PhrasingContent[] | undefined {
  const at = place ? { position: place } : {};
  if (role === 'cite' || role.startsWith('cite:')) {
    const ids = content.split(',').map((key) => key.trim()).filter(Boolean);
    const known = ids.filter((id) => keys.has(id));
    if (!known.length) {
      file.message(`\`{${role}}\` cites ${ids.map((id) => `\`${id}\``).join(', ')}, which the bibliography does not hold: printed as typed`, { ...(place ? { place } : {}), ruleId: 'citation-not-a-key', source: 'pamphlet' });
      return undefined;
    }
    for (const id of ids) if (!keys.has(id)) error(file, `unknown citation key \`${id}\`: no entry with this key in the bibliography`, { ...(place ? { place } : {}), ruleId: 'unknown-citation', source: 'pamphlet' });
    // sphinxcontrib-bibtex's textual forms name the author in the sentence, as `@key` does.
    const narrative = role === 'cite:t' || role === 'cite:ts' || role === 'cite:author';
    const citation: Citation = { type: 'citation', items: known.map((id) => ({ id })), narrative, ...at };
    return [citation];
  }
  if (REFERENCES.has(role)) {
    const titled = TITLED.exec(content);
    const target = (titled?.[2] ?? content).trim();
    const written = titled?.[1]?.trim();
    const label = target.replace(/^#/, '');
    const heading = targets.get(label);
    // `{eq}` to a labelled formula (`$$ … $$ (label)`) is its number, "(1)", as MyST prints it (numbered-labels.ts).
    const equation = role === 'eq' || role === 'numref' ? file.data.numbered?.get(label) : undefined;
    if (equation?.kind === 'equation') return [{ type: 'link', url: `#${equation.id}`, children: [{ type: 'text', value: written || `(${equation.number})` }], ...at }];
    const words = written || heading || target;
    if ((role === 'ref' || role === 'numref' || role === 'any' || role === 'eq') && heading !== undefined) {
      return [{ type: 'link', url: `#${label}`, children: [{ type: 'text', value: words }], ...at }];
    }
    return [{ type: 'text', value: words, ...at }];
  }
  if (WORDS.has(role)) return [{ type: 'text', value: content.replace(/&(?=\S)/g, '').replace(/\s*-->\s*/g, ' → '), ...at }];
  if (CODE.has(role)) return [{ type: 'inlineCode', value: content, ...at }];
  // Set as the `$…$` it stands for (remark-math.ts).
  if (role === 'math') return [{ type: 'inlineMath', value: content, ...at } as PhrasingContent];
  const element = ELEMENTS[role];
  if (element) {
    const abbreviation = element === 'abbr' ? /^(.*?)\s*\(([^()]+)\)$/.exec(content) : null;
    const container: InlineContainer = {
      type: 'inlineContainer',
      children: [{ type: 'text', value: abbreviation?.[1] ?? content }],
      data: { hName: element, ...(abbreviation?.[2] ? { hProperties: { title: abbreviation[2] } } : {}) },
      ...at,
    };
    return [container];
  }
  return undefined;
}
