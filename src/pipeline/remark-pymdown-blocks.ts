/**
 * PyMdown's blocks, as MkDocs Material sites write their admonitions: `/// tip` … `///`, with
 * a title of the author's own after a bar (`/// note | Technical Details`), nested by giving
 * the outer block more slashes (`//// note` around a `/// details`). FastAPI's docs, in 14
 * languages, have 404 in the English alone. Each is a note set apart, as GitHub's alerts and
 * Docusaurus's `:::note` are (callout.ts): its kind's style where pamphlet has one (note, tip,
 * important, warning, caution, info, danger, and PyMdown's hint, attention and error), else
 * a note headed by the author's title or the block's own name (`/// details`, `/// example`).
 * Until 2026-12-06 every fence printed as typed, "/// tip" above the text and "///" below.
 *
 * CommonMark has no such block, so micromark reads a fence as a line of a paragraph. A fence
 * is found here as the first line of a paragraph (an opening: `/` three times or more, a
 * name, perhaps a bar and a title) or its last (a closing: the slashes alone), among the
 * blocks of one container; an opening and the next closing with as many slashes pair up, as
 * PyMdown reads them, and the blocks between them become the note. A fence left without a
 * partner stays as typed, an opening with a warning (`pymdown-block`).
 */
import type { Parent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { textPiece } from './bracket-spans.js';
import { readFence, noteFences, trimEnd, type FenceShape, type FenceSyntax, type Line } from './fenced-notes.js';

export interface PymdownBlocksOptions {
  /** The series' language; a part's own `lang:` comes first. */
  lang: string;
}

const OPENING = /^(\/{3,})[ \t]+([A-Za-z][\w-]*)[ \t]*(?:\|[ \t]*)?/;
const CLOSING = /^(\/{3,})[ \t]*$/;

/** PyMdown's: a closing ends the nearest open block with as many slashes. */
const PYMDOWN: FenceSyntax = { marker: '///', fenceOf, closes: (opening, closing) => opening.marks === closing.marks };

export default function remarkPymdownBlocks(options: PymdownBlocksOptions) {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!source.includes('///')) return;
    const lang = file.data.frontmatter?.lang ?? options.lang;
    const unpaired = noteFences(tree, file, PYMDOWN, lang);
    const first = unpaired[0];
    if (first) {
      const more = unpaired.length > 1 ? ` (and ${unpaired.length - 1} more after it)` : '';
      file.message(`a \`///\` block's fence with no partner, printed as typed${more}: a block opens with \`/// name\` and closes with as many slashes alone on a line`, { place: first.start ?? first.paragraph.position, ruleId: 'pymdown-block', source: 'pamphlet' });
    }
  };
}

/** The fence a line is, if it is one: an opening (slashes, a name, perhaps a bar and a title) or a closing (slashes alone). */
function fenceOf(line: Line, source: string): FenceShape | undefined {
  return readFence(line, CLOSING, OPENING, ({ first, marks, name, matched, after }) => {
    // A name run on into more words is no fence (`/// tip more`, without the bar).
    if (!matched.includes('|') && (first.value.slice(after).trim() !== '' || line.nodes.length > 1)) return undefined;
    const title = [...(after < first.value.length ? [textPiece(first, after, first.value.length, source)] : []), ...line.nodes.slice(1)];
    return { marks, name, title: trimEnd(title, source) };
  });
}
