/**
 * GitHub's alerts: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
 * `[!WARNING]` or `[!CAUTION]` (in any case), as READMEs and docs have written them since
 * 2023. GitHub shows a labelled box; CommonMark reads a quotation beginning "[!NOTE]", and
 * that is what every format printed. Here the quote becomes a note set apart (callout.ts),
 * headed by its label in the part's language. The rest is the author's Markdown, unchanged. A marker with nothing
 * after it, or with words on its own line, is left as typed, as GitHub leaves it.
 *
 * Why not remark-github-blockquote-alert: it draws GitHub's octicons as inline SVG, which the
 * sanitizer refuses and a book does not want, and its labels are English only; the
 * recognising is one regular expression on the quote's first text.
 */
import type { Blockquote, Root } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import type { AlertKind } from '../words.js';
import { calloutData, calloutTitle } from './callout.js';

export interface GithubAlertsOptions {
  /** The series' language; a part's own `lang:` comes first. */
  lang: string;
}

const MARKER = /^\[!(note|tip|important|warning|caution)\][ \t]*(?:\r?\n|$)/i;

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
      const rest = text.value.slice(marker[0].length);
      // `> [!NOTE]` alone is a quote of those words on GitHub too.
      if (!rest && first.children.length === 1 && node.children.length === 1) return;
      const kind = (marker[1] ?? 'note').toLowerCase() as AlertKind;
      if (rest) text.value = rest;
      else first.children.shift();
      // `[!WARNING]` and two spaces: the line break goes with the marker.
      if (first.children[0]?.type === 'break') first.children.shift();
      if (!first.children.length) node.children.shift();
      node.children.unshift(calloutTitle(kind, lang));
      node.data = { ...node.data, ...calloutData(kind) };
      return SKIP;
    });
  };
}
