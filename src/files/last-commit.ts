/**
 * When a part last changed in git: the commit time of the last commit that touched the part,
 * pamphlet.yaml or the bibliography (README, "Reproducible output"). One `git log` per part,
 * from the part's folder; undefined outside git, without git, or for a file never committed.
 */
import { execFile, spawnSync } from 'node:child_process';

function gitArgs(partPath: string, shared: readonly string[]): string[] {
  return ['log', '-1', '--format=%ct', '--', partPath, ...shared];
}

function commitTime(stdout: string): Date | undefined {
  const seconds = stdout.trim();
  return /^\d+$/.test(seconds) ? new Date(Number(seconds) * 1000) : undefined;
}

export function lastCommitSync(partPath: string, shared: readonly string[], cwd: string): Date | undefined {
  const result = spawnSync('git', gitArgs(partPath, shared), { cwd, encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 ? commitTime(result.stdout) : undefined;
}

/**
 * The same, without blocking: a build asks as it starts and has the answer by the time the
 * parts are parsed. A synchronous spawn from the build's thread took it some 30 ms a part
 * (forking a large process), on the path every PDF waits on.
 */
export function lastCommit(partPath: string, shared: readonly string[], cwd: string): Promise<Date | undefined> {
  return new Promise((resolve) => {
    execFile('git', gitArgs(partPath, shared), { cwd, encoding: 'utf8', timeout: 10_000 }, (error, stdout) => {
      resolve(error ? undefined : commitTime(stdout));
    });
  });
}
