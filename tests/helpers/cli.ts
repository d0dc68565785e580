import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/pamphlet.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI, as a user would, in `cwd`. */
export function pamphlet(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A private copy of a fixture manuscript, so a test may edit it. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `pamphlet-${name.replace(/\//g, "-")}-`));
  cpSync(path.resolve(import.meta.dirname, '../fixtures', name), path.join(dir, 'manuscript'), { recursive: true });
  return dir;
}

/** What a build left in an output folder, less the build cache (`.pamphlet-cache`), which is not an output. */
export function outputsIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name !== '.pamphlet-cache');
}
