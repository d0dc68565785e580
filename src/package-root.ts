/**
 * pamphlet's own folder (styles/, package.json), found by walking up from this module.
 * Walking up, rather than a fixed "../..", works from src/ under vitest, from lib/
 * compiled by tsc, and from the single bundled lib/pamphlet.js alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'pamphlet') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`pamphlet: cannot find its own package.json above ${start}`);
    dir = parent;
  }
}

export const PACKAGE_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

export const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export function packagePath(...segments: string[]): string {
  return path.join(PACKAGE_ROOT, ...segments);
}
