/**
 * The parts of the reading-group handout that the pamphlet does not have: a compact
 * title block instead of a title page, and the discussion questions with ruled space
 * to write under each. print-html.ts puts them around the same text flow.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { ResolvedConfig } from '../config/types.js';
import type { PartMeta, Questions } from '../document.js';

/** Ruled lines under each question: room for a few sentences of notes. */
const ANSWER_LINES = 4;

/** What the running head of every page after the first says, e.g. "Celebrating Red October · Part I · How …". */
export function runningHead(meta: PartMeta): string {
  return [meta.series, meta.partLabel, meta.title].filter((s) => s.trim() !== '').join(' · ');
}

/**
 * Series, part, title, subtitle and authors at the top of page 1. It also carries the
 * running head as an attribute, for handout.css's `string-set`: Paged.js then repeats
 * it on every later page.
 */
export function handoutTitleBlock(meta: PartMeta, config: ResolvedConfig): Element {
  const subtitle = meta.subtitle ?? config.subtitle;
  return h('header.handout-title', { dataRunningHead: runningHead(meta) }, [
    h('p.series', [meta.series, subtitle ? h('span.series-subtitle', subtitle) : null]),
    h('p.part-label', meta.partLabel),
    h('h1.part-title', meta.title),
    meta.authors.length > 0 ? h('p.authors', meta.authors.join(', ')) : null,
  ]);
}

/**
 * The questions, each followed by ruled lines. The lines are empty elements with a
 * bottom border rather than a background pattern, so they print as vector rules on
 * any printer; they are hidden from the tag tree's readers, having no text.
 */
export function handoutQuestions(questions: Questions, id: string): Element {
  const lines = (): Element =>
    h('span.answer-space', { ariaHidden: 'true' }, Array.from({ length: ANSWER_LINES }, () => h('span.answer-line')));
  const items = questions.items.map((item) => {
    const copy = structuredClone(item);
    copy.children.push(lines());
    return copy;
  });
  return h('section.questions', [h('h2', { id }, questions.title), h('ol.questions-list', items)]);
}
