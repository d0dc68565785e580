// Which processes a run left behind, read from /proc as `ps` would: every process
// started by the run inherits its environment, so a private TMPDIR marks them all,
// Chromium's crash handler (which leaves the process group) included.
import { readdirSync, readFileSync } from 'node:fs';

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
}

/** Live (not zombie) processes whose environment or command line contains `marker`. */
export function processesMarkedBy(marker: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    const stat = read(`/proc/${pid}/stat`);
    // The state follows the command name in parentheses; Z is a zombie, X dead.
    const state = stat?.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (!stat || state === 'Z' || state === 'X') continue;
    const cmdline = read(`/proc/${pid}/cmdline`) ?? '';
    const environ = read(`/proc/${pid}/environ`) ?? '';
    if (cmdline.includes(marker) || environ.includes(marker)) found.push(`${pid} ${cmdline.replace(/\0/g, ' ').slice(0, 120)}`);
  }
  return found;
}

/** Polls until no process is marked by `marker` or `ms` have passed; returns what is left. */
export async function waitForNoProcesses(marker: string, ms = 3000): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = processesMarkedBy(marker);
    if (left.length === 0 || Date.now() >= deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
