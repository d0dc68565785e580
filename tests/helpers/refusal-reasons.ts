/**
 * The one list of reasons for which pamphlet may refuse Markdown that CommonMark or GFM
 * accept (tests/spec-corpus.test.ts holds every spec example to it). A refusal is an error
 * at `part-1.md:LINE:COL` whose rule id is a key here (and, where `applies` is given, whose
 * source at that place is what the reason names). Anything else that stops a build is a
 * failure of the pipeline, not of the manuscript. The README (Tests) points here.
 */
export interface RefusalReason {
  /** What the manuscript does that pamphlet refuses, as the README's format section says. */
  why: string;
  /**
   * When the rule id alone would excuse too much: is the source at the error's place
   * (`at` = the part's text from the reported line and column on) really this case?
   */
  applies?: (at: string) => boolean;
}

/**
 * A directive is `:name[…]`, `:name{…}`, or a block form `::name` / `:::name` (issue 8): a
 * colon inside text ("10:30", "localhost:8080", "Note:this") is text, and refusing it is a bug.
 */
const DIRECTIVE_SYNTAX = /^(?::{2,3}[\p{L}\p{N}_-]+|:[\p{L}\p{N}_-]+[[{])/u;

export const REFUSAL_REASONS: Readonly<Record<string, RefusalReason>> = {
  'raw-html-block': { why: 'a raw HTML block that is no Markdown: an element opened and never closed, text after a closing tag, a processing instruction (<?php)' },
  'raw-html-tag': { why: 'an element that runs or loads content: <script>, <iframe>, <object>, <img>, <style>, <form>, …' },
  'raw-html-script': { why: 'an event-handler attribute (onclick=…)' },
  'unsafe-url': { why: 'a URL a reader cannot or must not follow: a scheme other than http, https and mailto (javascript:, file:, data:, …), a web address without a valid host name, or one carrying a password' },
  'remote-resource': { why: 'an image or other resource from the network (the renderer never fetches)' },
  'outside-folder': { why: 'a resource outside the manuscript folder (an absolute path, ../)' },
  'missing-image': { why: 'an image file that is not in the manuscript folder' },
  'unknown-directive': { why: 'a directive (`:name[…]`, `:name{…}`, `::name`, `:::name`) pamphlet does not know', applies: (at) => DIRECTIVE_SYNTAX.test(at) },
  'directive-form': { why: 'a known directive written in the wrong form (`:quote` for `:::quote`)', applies: (at) => DIRECTIVE_SYNTAX.test(at) },
  'raw-html-attribute': { why: 'an attribute outside the inline-HTML allow-list (draggable, accesskey, JSX’s className, …)' },
  'raw-html-style': { why: 'a style attribute that loads something or goes beyond typographic properties' },
  'link-outside-book': { why: 'a link to a file that is not in the book (and no `base-url` to send it to)' },
  'missing-anchor': { why: 'a link to an anchor (#id) that no heading, anchor, ¶ or note in the part has' },
  'image-path': { why: 'an image path that is not a valid URL path (a malformed %-escape)' },
  'image-type': { why: 'an image that is not PNG, JPEG, GIF or SVG' },
  'not-an-image': { why: 'an image file whose content is not the image type it claims' },
};
