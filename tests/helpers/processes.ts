// Which processes a run left behind, read from /proc as `ps` would: every process
// started by the run inherits its environment, so a private TMPDIR marks them all,
// Chromium's crash handler (which leaves the process group) included.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

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

/**
 * The TCP ports (IPv4 and IPv6) on which any of `pids` listens: the socket inodes among
 * their open files, matched against the kernel's table of listening sockets (state 0A).
 */
export function listeningPorts(pids: readonly number[]): number[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode) inodes.add(inode);
      } catch {
        // Closed meanwhile.
      }
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of (read(table) ?? '').split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/);
      // local_address is HEX_IP:HEX_PORT, st the state, inode the tenth field.
      if (fields[3] === '0A' && fields[9] && inodes.has(fields[9])) ports.push(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/** Every live process below `root` in the process tree, with its command line. */
export function descendantsOf(root: number): Array<{ pid: number; cmdline: string }> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    // After the parenthesised command name: the state, then the parent's pid.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z' || state === 'X') continue;
    const list = children.get(Number(ppid)) ?? [];
    list.push(Number(entry));
    children.set(Number(ppid), list);
  }
  const found: Array<{ pid: number; cmdline: string }> = [];
  const pending = [...(children.get(root) ?? [])];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    found.push({ pid, cmdline: (read(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' ') });
    pending.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** A process's group, from /proc (after the state and the parent's pid); undefined once it is gone. */
export function processGroupOf(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  return stat === undefined ? undefined : Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}
