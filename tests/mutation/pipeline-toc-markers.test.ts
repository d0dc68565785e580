// Table-of-contents markers (src/pipeline/remark-toc-markers.ts), in process, as READMEs and
// wikis write them: GitLab's `[[_TOC_]]` opening MontiCore's statecharts README (BSD-3-Clause),
// under a "# Table of contents" heading (NVIDIA's Isaac Sim README) and under a bold line
// (OpenAirInterface's tutorials); Python-Markdown's `[TOC]`; Marked's `{{TOC}}`.
import { describe, expect, test } from 'vitest';
import { body, onePart } from './helpers.js';

describe('a contents marker on a line of its own', () => {
  test('is left out with a note, and a heading or line over it that only says "Table of contents"', () => {
    const monticore = onePart('<!-- (c) https://github.com/MontiCore/monticore -->\n[[_TOC_]]\n\n# Statecharts\n\nThis project offers two variants of Statechart Languages.\n');
    expect(body(monticore.doc)).toBe('<h2 id="statecharts">Statecharts</h2>\n<p id="p1" data-pn="1">This project offers two variants of Statechart Languages.</p>');
    expect(monticore.messages).toEqual(["part-1.md:7:1: info: [[TOC]] left out: the book's contents are made from its headings (the pamphlet's contents page, the EPUB's navigation)"]);
    expect(body(onePart('# Table of contents\n\n[[_TOC_]]\n\n# Getting Started\n\nSee here.\n').doc)).toBe('<h2 id="getting-started">Getting Started</h2>\n<p id="p1" data-pn="1">See here.</p>');
    expect(body(onePart('**Table of Contents**\n\n[[_TOC_]]\n\n## Prerequisites\n').doc)).toBe('<h2 id="prerequisites">Prerequisites</h2>');
    for (const marker of ['[TOC]', '[toc]', '{{TOC}}', '${toc}', '[[TOC]]']) expect(body(onePart(`Intro.\n\n${marker}\n\nText.\n`).doc), marker).toBe('<p id="p1" data-pn="1">Intro.</p>\n<p id="p2" data-pn="2">Text.</p>');
  });

  test('in a sentence, or a link to a reference named so, it stays', () => {
    expect(body(onePart('Use the `[[_TOC_]]` token, or write [TOC] in the text.\n').doc)).toContain('write [TOC] in the text');
    expect(body(onePart('[TOC]\n\n[toc]: https://example.org/contents\n').doc)).toBe('<p id="p1" data-pn="1"><a href="https://example.org/contents">TOC</a></p>');
  });
});
