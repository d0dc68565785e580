import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { hyphenateText, hyphenateTree, patternNameFor, SOFT_HYPHEN } from '../src/pipeline/rehype-hyphenate.js';

const show = (text: string): string => text.replaceAll(SOFT_HYPHEN, '·');

describe('patternNameFor', () => {
  it('maps language tags to the pattern files hyphen ships', () => {
    expect(patternNameFor('en')).toBe('en-us');
    expect(patternNameFor('en-GB')).toBe('en-gb');
    expect(patternNameFor('en-AU')).toBe('en-gb');
    expect(patternNameFor('de')).toBe('de-1996');
    expect(patternNameFor('de-CH')).toBe('de-ch-1901');
    expect(patternNameFor('fr-CA')).toBe('fr');
    expect(patternNameFor('pt_BR')).toBe('pt');
  });

  it('answers null for languages without patterns and for anything that is not a tag', () => {
    expect(patternNameFor('zh')).toBeNull();
    expect(patternNameFor('tlh')).toBeNull();
    expect(patternNameFor('../../etc/passwd')).toBeNull();
    expect(patternNameFor('')).toBeNull();
  });
});

describe('hyphenateText', () => {
  it('breaks long words, keeping 2 letters before and 3 after every break', () => {
    const out = hyphenateText('The revolutionary fervor of the masses continued unquestionably', { lang: 'en' });
    expect(out.replaceAll(SOFT_HYPHEN, '')).toBe('The revolutionary fervor of the masses continued unquestionably');
    expect(show(out)).toContain('rev·o·lu·tion·ary');
    expect(show(out)).toContain('un·ques·tion·ably');
    for (const word of out.split(/\s+/)) {
      const pieces = word.split(SOFT_HYPHEN);
      if (pieces.length < 2) continue;
      expect(pieces[0]!.length).toBeGreaterThanOrEqual(2);
      expect(pieces.at(-1)!.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('carries two letters over in German, as German typesetting does, and three in English', () => {
    expect(show(hyphenateText('Kommune Plebejer', { lang: 'de' }))).toBe('Kom·mu·ne Ple·be·jer');
    expect(show(hyphenateText('Kommune Plebejer', { lang: 'de-AT' }))).toBe('Kom·mu·ne Ple·be·jer');
    expect(show(hyphenateText('certainly', { lang: 'en' }))).toBe('cer·tainly');
  });

  it('leaves short words, acronyms and links whole', () => {
    expect(hyphenateText('never USSR', { lang: 'en' })).toBe('never USSR');
    const link = 'see https://example.org/revolutionary';
    expect(hyphenateText(link, { lang: 'en' })).toBe(link);
  });

  it('handles letters outside ASCII', () => {
    const out = hyphenateText('Ein gewisser König hatte einen wunderschönen Garten', { lang: 'de' });
    expect(show(out)).toContain('wun·der·schö·nen');
  });

  it('does nothing, without failing, for a language it has no patterns for', () => {
    expect(hyphenateText('revolutionary', { lang: 'zh' })).toBe('revolutionary');
  });
});

describe('hyphenateTree', () => {
  it('hyphenates text but not headings or code, and follows lang attributes', () => {
    const tree = h(null, [
      h('h2', 'Revolutionary Perspectives'),
      h('p', ['revolutionary ', h('code', 'revolutionary'), ' ', h('em', 'interimperialist')]),
      h('p', { lang: 'de' }, 'wunderschönen'),
      h('p', { className: ['no-hyphens'] }, 'revolutionary'),
    ]);
    hyphenateTree(tree, { lang: 'en' });
    const [heading, para, german, kept] = tree.children as Array<{ children: unknown[] }>;
    expect(JSON.stringify(heading)).not.toContain(SOFT_HYPHEN);
    expect(show(JSON.stringify(para))).toContain('rev·o·lu·tion·ary ');
    expect(JSON.stringify(para)).toContain('"value":"revolutionary"');
    expect(show(JSON.stringify(para))).toContain('in·ter·impe·ri·al·ist');
    expect(show(JSON.stringify(german))).toContain('wun·der·schö·nen');
    expect(JSON.stringify(kept)).not.toContain(SOFT_HYPHEN);
  });
});
