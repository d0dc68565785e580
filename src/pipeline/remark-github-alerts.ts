/**
 * GitHub's alerts and Obsidian's callouts: a block quote whose first line is a marker,
 * `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]` as on GitHub (since 2023),
 * or any of Obsidian's (`[!info]`, `[!abstract]`, `[!question]-`, in any case), with words after
 * it on its line as Obsidian's title for it. GitHub and Obsidian show a labelled box;
 * CommonMark reads a quotation beginning "[!NOTE]", and that is what every format printed.
 * Here the quote becomes a note set apart (callout.ts), headed by the author's title, else its
 * kind's label in the part's language, else (a kind pamphlet has no style for) its name. The
 * rest is the author's Markdown, unchanged. GitHub leaves a marker with words after it, or
 * with nothing under it, a quotation; Obsidian's reading is taken, for a book never wants
 * "[!TIP]" printed (until 2026-12-07 those stayed quotations).
 *
 * Why not remark-github-blockquote-alert: it draws GitHub's octicons as inline SVG, which the
 * sanitizer refuses and a book does not want, and its labels are English only; the
 * recognising is one regular expression on the quote's first text.
 */
import type { Blockquote, Paragraph, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { admonitionKind, calloutData, calloutTitle } from './callout.js';

export interface GithubAlertsOptions {
  /** The series' language; a part's own `lang:` comes first. */
  lang: string;
}

/**
 * The marker, its fold sign (Obsidian's `-` and `+`: a page cannot fold, so the body is shown)
 * and the rest of its line, the title Obsidian gives it.
 */
const MARKER = /^\[!([a-z][\w-]*)\]([-+]?)[ \t]*/i;

export default function remarkGithubAlerts(options: GithubAlertsOptions) {
  return (tree: Root, file: VFile): void => {
    const lang = file.data.frontmatter?.lang ?? options.lang;
    visit(tree, 'blockquote', (node: Blockquote) => {
      const first = node.children[0];
      if (first?.type !== 'paragraph') return;
      const text = first.children[0];
      if (text?.type !== 'text') return;
      const marker = MARKER.exec(text.value);
      if (!marker) return;
      const name = marker[1] ?? 'note';
      const kind = admonitionKind(name);
      text.value = text.value.slice(marker[0].length);
      if (!text.value) first.children.shift();
      const title = takeTitle(first);
      // `[!WARNING]` and two spaces: the line break goes with the marker.
      if (first.children[0]?.type === 'break') first.children.shift();
      if (!first.children.length) node.children.shift();
      // A kind pamphlet has no style for (Obsidian's `[!abstract]`, `[!question]`) is a note headed by its name.
      const own = title.length ? title : kind ? undefined : [{ type: 'text' as const, value: name.charAt(0).toUpperCase() + name.slice(1) }];
      node.children.unshift(calloutTitle(kind ?? 'note', lang, own));
      node.data = { ...node.data, ...calloutData(kind ?? 'note') };
      // Obsidian's callouts nest (`> > [!todo]`): the quotes inside are read too.
    });
  };
}

/** The words after the marker on its line, taken out of the paragraph: Obsidian's title. */
function takeTitle(paragraph: Paragraph): PhrasingContent[] {
  const title: PhrasingContent[] = [];
  while (paragraph.children.length) {
    const child = paragraph.children[0]!;
    if (child.type === 'break') break;
    if (child.type === 'text' && /\r?\n/.test(child.value)) {
      const [line = '', ...rest] = child.value.split(/\r?\n/);
      if (line.trim()) title.push({ type: 'text', value: line.trimEnd() });
      child.value = rest.join('\n');
      if (!child.value) paragraph.children.shift();
      break;
    }
    title.push(child);
    paragraph.children.shift();
  }
  return title;
}
