// The table of the bundled faces' cmaps that `make` writes (lib/font-cmaps.json) answers
// what fontkit answers, file by file, so a build can check coverage without fontkit.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';
import { CMAP_TABLE, fontHasGlyph } from '../src/render/font-cmaps.js';
import { bundledCoverageFiles } from '../src/render/font-coverage.js';
import { PACKAGE_ROOT } from '../src/package-root.js';

const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;
const table = JSON.parse(readFileSync(CMAP_TABLE, 'utf8')) as { files: Record<string, { size: number; ranges: Array<[number, number]> }> };

describe('the bundled faces’ cmap table', () => {
  test('has every file a coverage test may open for a bundled family', () => {
    const files = bundledCoverageFiles();
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) expect(Object.keys(table.files), file).toContain(path.relative(PACKAGE_ROOT, file));
  });

  test('answers as fontkit does, for every code point of the Basic Multilingual Plane and the ranges’ edges beyond it', () => {
    let checked = 0;
    for (const [relative, { ranges }] of Object.entries(table.files)) {
      const file = path.join(PACKAGE_ROOT, relative);
      const font = fontkit.create(readFileSync(file)) as Fontkit.Font;
      const points = new Set<number>();
      for (let cp = 0; cp <= 0xffff; cp++) points.add(cp);
      for (const [start, end] of ranges) for (const cp of [start - 1, start, end, end + 1]) if (cp >= 0) points.add(cp);
      const wrong = [...points].filter((cp) => fontHasGlyph(file, cp) !== font.hasGlyphForCodePoint(cp));
      expect(wrong.slice(0, 5), relative).toEqual([]);
      checked += points.size;
    }
    expect(checked).toBeGreaterThan(65536 * 50);
  });
});
