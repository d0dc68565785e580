// Ace by DAISY (in the system Chromium) on the EPUB of every small fixture, built with the
// print edition's page-list (issue 14): no violations. The real manuscript, the page-list
// fixture and paragraph numbers are checked in tests/page-list.test.ts.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ace } from './helpers/ace.js';
import { copyFixture, pamphlet } from './helpers/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('Ace by DAISY on the test fixtures', () => {
  test.each(['basic', 'citations', 'german', 'russian', 'scripts', 'table-image-link', 'series'])('%s: no violations', (fixture) => {
    const root = copyFixture(fixture);
    made.push(root);
    // Warnings (a low-resolution test image) are not the point here.
    const result = pamphlet(['build', 'manuscript', '--format', 'epub', '--out', 'dist', '--quiet'], root);
    expect(result.status, result.stderr).toBe(0);
    const epubs = readdirSync(path.join(root, 'dist')).filter((name) => name.endsWith('.epub'));
    expect(epubs.length).toBeGreaterThan(0);
    for (const name of epubs) {
      const report = ace(path.join(root, 'dist', name));
      expect(report.violations, name).toEqual([]);
      expect(report.properties.hasPageBreaks, name).toBe(true);
    }
  });
});
