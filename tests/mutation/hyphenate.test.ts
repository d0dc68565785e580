// Soft hyphens for print (src/pipeline/rehype-hyphenate.ts), in process: where a line may
// break inside a word of text nobody here wrote (the seed manuscript's own sentences, the
// Communist Manifesto in German, Trotsky in Russian), in each language's pattern file, and
// what is never broken. In the expected text `|` stands for a soft hyphen (U+00AD).
import { describe, expect, test } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import rehypeHyphenate, { hyphenateText, hyphenateTree, patternNameFor, SOFT_HYPHEN } from '../../src/pipeline/rehype-hyphenate.js';

const show = (text: string) => text.replaceAll(SOFT_HYPHEN, '|');

describe('the pattern file of a language tag', () => {
  test('aliases, regions falling back to their language, odd spellings, and tags hyphen has no patterns for', () => {
    const tags = ['en', 'en-CA', 'en_US', 'EN-gb', 'en-AU', 'en-NZ', 'en-IE', 'en-ZA', 'en-IN', 'de', 'de-DE', 'de-AT', 'de-CH', 'de-1996', 'el', 'mn', 'sr', 'sr-Latn', 'pt', 'pt-BR', 'pt-PT', 'fr-CA', 'ru', ' ru ', 'uk', 'xx', 'zh-Hans', 'e', '../x', 'en/../../x', '', '../de', 'de/..', 'x.de', 'de-', 'ende', 'de-123456789'];
    expect(Object.fromEntries(tags.map((tag) => [tag, patternNameFor(tag)]))).toEqual({
      en: 'en-us', 'en-CA': 'en-us', en_US: 'en-us', 'EN-gb': 'en-gb', 'en-AU': 'en-gb', 'en-NZ': 'en-gb', 'en-IE': 'en-gb', 'en-ZA': 'en-gb', 'en-IN': 'en-gb',
      de: 'de-1996', 'de-DE': 'de-1996', 'de-AT': 'de-1996', 'de-CH': 'de-ch-1901', 'de-1996': 'de-1996',
      el: 'el-monoton', mn: 'mn-cyrl', sr: 'sr-cyrl', 'sr-Latn': 'sh-latn', pt: 'pt', 'pt-BR': 'pt', 'pt-PT': 'pt', 'fr-CA': 'fr', ru: 'ru', ' ru ': 'ru', uk: 'uk',
      xx: null, 'zh-Hans': null, e: null, '../x': null, 'en/../../x': null, '': null,
      // A path or junk around a real tag is not that tag.
      '../de': null, 'de/..': null, 'x.de': null, 'de-': null, ende: null, 'de-123456789': null,
    });
  });
});

describe('breaks inside words', () => {
  test('the seed manuscript in American English: words of six letters or more, never an acronym, three letters carried over', () => {
    const seed = 'Russia entered the war as a vast empire whose economic structure was characterized by a combination of archaic semi-feudal institutions with a numerically dominant poor peasantry, the RSDLP and USSR, and the BOLSHEVIKS in capitals.';
    expect(show(hyphenateText(seed, { lang: 'en' }))).toBe(
      'Rus|sia en|tered the war as a vast em|pire whose eco|nomic struc|ture was char|ac|ter|ized by a com|bi|na|tion of ar|chaic semi-feu|dal in|sti|tu|tions with a nu|mer|i|cally dom|i|nant poor peas|antry, the RSDLP and USSR, and the BOLSHEVIKS in cap|i|tals.',
    );
  });

  test('British patterns for en-GB; Swiss German for de-CH; nothing for a language without patterns', () => {
    expect(show(hyphenateText('characterized revolutionary peasantry', { lang: 'en-GB' }))).toBe('char|ac|ter|ized re|volu|tion|ary peas|antry');
    expect(show(hyphenateText('Revolution Gesellschaft', { lang: 'de-CH' }))).toBe('Re|vo|lu|ti|on Ge|sell|schaft');
    expect(show(hyphenateText('characterized revolutionary', { lang: 'xx' }))).toBe('characterized revolutionary');
  });

  test('German carries two letters over (Kommu-ne, Plebe-jer), Russian breaks by its own patterns', () => {
    expect(show(hyphenateText('Die Geschichte aller bisherigen Gesellschaft ist die Geschichte von Klassenkämpfen. Kommune Plebejer', { lang: 'de' }))).toBe(
      'Die Ge|schich|te aller bis|he|ri|gen Ge|sell|schaft ist die Ge|schich|te von Klas|sen|kämp|fen. Kom|mu|ne Ple|be|jer',
    );
    expect(show(hyphenateText('Революция есть прежде всего вторжение масс в область решения своей собственной судьбы.', { lang: 'ru' }))).toBe(
      'Ре|во|лю|ция есть прежде всего втор|же|ние масс в об|ласть ре|ше|ния своей соб|ствен|ной судьбы.',
    );
  });

  test('a script without capitals (Devanagari, Georgian) is broken: the acronym rule is for words in capitals only', () => {
    expect(show(hyphenateText('स्वतंत्रता आंदोलन', { lang: 'hi' }))).toBe('स्व|तं|त्रता आं|दोलन');
    expect(show(hyphenateText('რევოლუციონერები', { lang: 'ka' }))).toBe('რე|ვო|ლუ|ცი|ო|ნე|რები');
  });

  test('the limits: a longer minimum word, four letters before and after every break', () => {
    expect(show(hyphenateText('characterized revolutionary peasantry', { lang: 'en', leftMin: 4, rightMin: 4, minWordLength: 10 }))).toBe('char|ac|ter|ized revo|lu|tionary peasantry');
    expect(show(hyphenateText('peasantry economic', { lang: 'en', minWordLength: 9 }))).toBe('peas|antry economic');
    expect(show(hyphenateText('combination', { lang: 'en', leftMin: 1, rightMin: 1 }))).toBe('com|bi|na|tion');
    expect(show(hyphenateText('combination', { lang: 'en', leftMin: 6, rightMin: 5 }))).toBe('combination');
    expect(show(hyphenateText('combination', { lang: 'en', leftMin: 5, rightMin: 2 }))).toBe('combi|na|tion');
  });

  test('the same word twice, and then under other limits, breaks by the limits each time', () => {
    expect(show(hyphenateText('institutions institutions', { lang: 'en' }))).toBe('in|sti|tu|tions in|sti|tu|tions');
    expect(show(hyphenateText('institutions', { lang: 'en', leftMin: 4 }))).toBe('insti|tu|tions');
    expect(show(hyphenateText('institutions', { lang: 'en', rightMin: 6 }))).toBe('in|sti|tutions');
  });

  test('a text with a URL or an address is left whole, so a copied link carries no soft hyphen', () => {
    for (const text of ['see https://example.org/revolutionary', 'write to revolutionary@example.org', 'www.revolutionary.org', 'revolutionary www.example.org'])
      expect(hyphenateText(text, { lang: 'en' })).toBe(text);
  });
});

describe('a tree', () => {
  test('text and inline elements broken; code, keyboard input, headings and .no-hyphens left whole; a lang attribute switches the patterns', () => {
    const tree = fromHtml(
      '<p>revolutionary <em>institutions</em> <code>revolutionary</code> <kbd>institutions</kbd> <samp>revolutionary</samp> <var>institutions</var> <span class="no-hyphens">revolutionary</span> <span class="x">institutions</span> <span lang="de">Gesellschaft</span> <span lang="">institutions</span></p><h1>institutions</h1><h2>revolutionary</h2><h3>institutions</h3><h4>revolutionary</h4><h5>institutions</h5><h6>revolutionary</h6><pre>institutions</pre><textarea>revolutionary</textarea>',
      { fragment: true },
    );
    hyphenateTree(tree, { lang: 'en' });
    expect(show(toHtml(tree))).toBe(
      '<p>rev|o|lu|tion|ary <em>in|sti|tu|tions</em> <code>revolutionary</code> <kbd>institutions</kbd> <samp>revolutionary</samp> <var>institutions</var> <span class="no-hyphens">revolutionary</span> <span class="x">in|sti|tu|tions</span> <span lang="de">Ge|sell|schaft</span> <span lang="">in|sti|tu|tions</span></p><h1>institutions</h1><h2>revolutionary</h2><h3>institutions</h3><h4>revolutionary</h4><h5>institutions</h5><h6>revolutionary</h6><pre>institutions</pre><textarea>revolutionary</textarea>',
    );
  });

  test('as a unified plugin, with the part’s language', () => {
    const tree = fromHtml('<p>Gesellschaft <span lang="en">institutions</span></p>', { fragment: true });
    rehypeHyphenate({ lang: 'de' })(tree);
    expect(show(toHtml(tree))).toBe('<p>Ge|sell|schaft <span lang="en">in|sti|tu|tions</span></p>');
  });
});
