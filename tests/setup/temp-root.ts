/**
 * Every test's temporary folders, and those of the CLIs, browsers and Java it starts,
 * go into one folder of this run, removed when the run ends: a test that forgets its
 * rmSync, or dies before it, leaves nothing in the machine's /tmp. Workers and the
 * processes they spawn inherit TMPDIR, which os.tmpdir() reads on every call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-test-run-'));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
