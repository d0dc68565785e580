// The shared block builders (src/blocks.ts), in process: the words every format shows.
import { describe, expect, test } from 'vitest';
import { byline, partTitle } from '../../src/blocks.js';

describe('byline', () => {
  test('joins authors as the language joins them', () => {
    expect(byline([], 'en')).toBe('');
    expect(byline(['A'], 'en')).toBe('A');
    expect(byline(['A', 'B'], 'en')).toBe('A and B');
    expect(byline(['A', 'B', 'C'], 'en')).toBe('A, B, and C');
    expect(byline(['A', 'B'], 'de')).toBe('A und B');
  });
  test('a part title is its label and title', () => {
    expect(partTitle({ partLabel: 'Part I', title: 'T' } as never)).toBe('Part I: T');
  });
});
