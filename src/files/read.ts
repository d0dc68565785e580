/**
 * Reads a text file of the manuscript (pamphlet.yaml, a part, the bibliography, a CSL
 * style or locale) through the two gates every such read needs: its real location
 * must be inside `root`, and its bytes must be UTF-8.
 */
import { readFileSync } from 'node:fs';
import { realInside, type InsideOptions, type InsideProblem } from './inside.js';
import { decodeUtf8 } from './utf8.js';

export type TextRead =
  | { ok: true; text: string; /** Real path. */ path: string }
  | { ok: false; problem: InsideProblem; reason: string }
  | { ok: false; problem: 'encoding'; reason: string; line: number; column: number };

export function readTextInside(root: string, rel: string, options: InsideOptions = {}): TextRead {
  const inside = realInside(root, rel, options);
  if (!inside.ok) return inside;
  const decoded = decodeUtf8(readFileSync(inside.path));
  if (!decoded.ok) return { ok: false, problem: 'encoding', reason: decoded.reason, line: decoded.line, column: decoded.column };
  return { ok: true, text: decoded.text, path: inside.path };
}
