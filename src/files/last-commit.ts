/**
 * When a part last changed in git: the commit time of the last commit that touched the part,
 * pamphlet.yaml or the bibliography (README, "Reproducible output"). One `git log` per part,
 * from the part's folder; undefined outside git, without git, or for a file never committed.
 */
import { execFile, spawnSync } from 'node:child_process';

/**
 * The repository's own configuration comes with the manuscript (a `.git/` in a zip or a shared
 * folder), and git runs programs it names: `log.showSignature` with `gpg.program` ran a script of
 * the folder's at every `check`. Settings given on the command line win over the repository's,
 * so every one by which `git log` could run a program, fetch or write elsewhere is set here to
 * nothing; and the command asks for no signature, mailmap, diff driver or text conversion.
 */
const NEUTRAL = [
  'log.showSignature=false',
  'gpg.program=false',
  'gpg.openpgp.program=false',
  'gpg.ssh.program=false',
  'gpg.x509.program=false',
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'core.sshCommand=false',
  'core.gitProxy=',
  'credential.helper=',
  'diff.external=',
  'protocol.allow=never',
  'log.mailmap=false',
  'mailmap.file=',
  'mailmap.blob=',
  'fetch.recurseSubmodules=false',
  'submodule.recurse=false',
].flatMap((setting) => ['-c', setting]);

/** And in the environment: no transport at all (a partial clone's lazy fetch runs one), no trace files, no prompt. */
const GIT_ENV: NodeJS.ProcessEnv = {
  GIT_ALLOW_PROTOCOL: 'none',
  GIT_NO_LAZY_FETCH: '1',
  GIT_TERMINAL_PROMPT: '0',
  GIT_TRACE2: '0',
  GIT_TRACE2_EVENT: '0',
  GIT_TRACE2_PERF: '0',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_PAGER: 'cat',
  GIT_EXTERNAL_DIFF: '',
};

function gitArgs(partPath: string, shared: readonly string[]): string[] {
  return [...NEUTRAL, 'log', '--no-show-signature', '--no-mailmap', '--no-ext-diff', '--no-textconv', '-1', '--format=%ct', '--', partPath, ...shared];
}

const gitEnv = (): NodeJS.ProcessEnv => ({ ...process.env, ...GIT_ENV });

function commitTime(stdout: string): Date | undefined {
  const seconds = stdout.trim();
  return /^\d+$/.test(seconds) ? new Date(Number(seconds) * 1000) : undefined;
}

export function lastCommitSync(partPath: string, shared: readonly string[], cwd: string): Date | undefined {
  const result = spawnSync('git', gitArgs(partPath, shared), { cwd, env: gitEnv(), encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 ? commitTime(result.stdout) : undefined;
}

/**
 * The same, without blocking: a build asks as it starts and has the answer by the time the
 * parts are parsed. A synchronous spawn from the build's thread took it some 30 ms a part
 * (forking a large process), on the path every PDF waits on.
 */
export function lastCommit(partPath: string, shared: readonly string[], cwd: string): Promise<Date | undefined> {
  return new Promise((resolve) => {
    execFile('git', gitArgs(partPath, shared), { cwd, env: gitEnv(), encoding: 'utf8', timeout: 10_000 }, (error, stdout) => {
      resolve(error ? undefined : commitTime(stdout));
    });
  });
}
