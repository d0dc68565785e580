/**
 * A table-of-contents marker on a line of its own, as the tools that draw one where it stands
 * write it: `[TOC]` (Python-Markdown's and MkDocs's `toc`, Typora, HackMD, Markdown Preview
 * Enhanced), `[[_TOC_]]` and `[[TOC]]` (GitLab's and Azure DevOps' wikis), `{{TOC}}` (Marked,
 * MultiMarkdown Composer), `${toc}` (Markdown Here). CommonMark reads it as text, and every
 * format printed "[TOC]" where the author meant a contents list. The book has its own (the
 * pamphlet's contents page, the EPUB's navigation), made from the headings: the marker is left
 * out, with a note saying so, and so is a heading or a line right over it that only says
 * "Table of contents".
 */
import type { Paragraph, Root } from 'mdast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';

const MARKER = /^(?:\[toc\]|\[\[_?toc_?\]\]|\{\{toc\}\}|\$\{toc\})$/i;
/** The words of a heading or a line that only announces the list. */
const CONTENTS = /^(?:table of contents|contents|toc):?$/i;

export default function remarkTocMarkers() {
  return (tree: Root, file: VFile): void => {
    // "stock" and "Tocqueville" hold the letters too: only a marker's brackets let the tree be walked.
    if (!/\[_?toc_?\]|\{\{toc\}\}|\$\{toc\}/i.test(String(file.value))) return;
    visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
      if (!parent || index === undefined || !MARKER.test(toString(node).trim())) return;
      file.info(`${toString(node).trim()} left out: the book's contents are made from its headings (the pamphlet's contents page, the EPUB's navigation)`, { place: node.position, ruleId: 'toc-marker', source: 'pamphlet' });
      // "# Table of contents" or "**Table of Contents**" over it would head nothing.
      const before = parent.children[index - 1];
      const heads = before && (before.type === 'heading' || before.type === 'paragraph') && CONTENTS.test(toString(before).trim());
      parent.children.splice(heads ? index - 1 : index, heads ? 2 : 1);
      return [SKIP, heads ? index - 1 : index];
    });
  };
}
