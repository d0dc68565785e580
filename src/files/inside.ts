/**
 * The one gate for every file pamphlet reads from a manuscript (and for the files the
 * preview serves): a path is judged by where it really is, after every symbolic link
 * is followed, never by how it is spelled. A link that leads out of the folder is
 * refused and named, so the author can find it.
 */
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export type InsideProblem =
  /** Spelled outside the root (`../x`, an absolute path elsewhere). */
  | 'outside'
  /** A symbolic link on the way leads outside the root. */
  | 'link-outside'
  | 'missing'
  /** A folder, a FIFO, a socket or a device where a regular file is wanted (reading a FIFO would hang). */
  | 'not-a-file'
  | 'not-a-folder';

export type Inside =
  | { ok: true; path: string }
  | { ok: false; problem: InsideProblem; reason: string; /** The link at fault, relative to the root, for 'link-outside'. */ link?: string };

export interface InsideOptions {
  /** What must be there: a regular file (default) or a folder. */
  kind?: 'file' | 'folder';
  /** How the root is called in reasons; default "the manuscript folder". */
  rootName?: string;
}

/**
 * The real path of `rel` (relative to `root`, or absolute) when it is inside `root`
 * after following every link, else the reason why not. `root` itself may be reached
 * through a link: the manuscript folder is where its real path is.
 */
export function realInside(root: string, rel: string, options: InsideOptions = {}): Inside {
  const kind = options.kind ?? 'file';
  const rootName = options.rootName ?? 'the manuscript folder';
  const lexicalRoot = path.resolve(root);
  const wanted = path.resolve(lexicalRoot, rel);
  const spelled = path.relative(lexicalRoot, wanted);
  if (!isWithin(spelled)) return { ok: false, problem: 'outside', reason: `${rel} is outside ${rootName}` };

  let realRoot: string;
  try {
    realRoot = realpathSync(lexicalRoot);
  } catch {
    return { ok: false, problem: 'missing', reason: `${rootName} does not exist: ${lexicalRoot}` };
  }

  // Walk down one name at a time so that the link at fault can be named, not just the target.
  let here = lexicalRoot;
  for (const name of spelled ? spelled.split(path.sep) : []) {
    here = path.join(here, name);
    let isLink: boolean;
    try {
      isLink = lstatSync(here).isSymbolicLink();
    } catch {
      return { ok: false, problem: 'missing', reason: `not found: ${rel}` };
    }
    if (!isLink) continue;
    const linkName = path.relative(lexicalRoot, here);
    let target: string;
    try {
      target = realpathSync(here);
    } catch {
      return { ok: false, problem: 'missing', reason: `${linkName} is a symbolic link to ${readlinkSafe(here)}, which does not exist` };
    }
    if (!isWithin(path.relative(realRoot, target))) {
      return {
        ok: false,
        problem: 'link-outside',
        link: linkName,
        reason: `${linkName} is a symbolic link to ${readlinkSafe(here)}, outside ${rootName}: pamphlet never reads outside it`,
      };
    }
  }

  let real: string;
  let stat: ReturnType<typeof statSync>;
  try {
    real = realpathSync(wanted);
    stat = statSync(real);
  } catch {
    // Removed or made unreadable between the walk and here.
    return { ok: false, problem: 'missing', reason: `not found: ${rel}` };
  }
  // Defence in depth: the walk above has vetted every link, so this holds unless the folder changed meanwhile.
  if (!isWithin(path.relative(realRoot, real))) return { ok: false, problem: 'link-outside', reason: `${rel} leads outside ${rootName}` };
  if (kind === 'file' && !stat.isFile()) {
    return { ok: false, problem: 'not-a-file', reason: stat.isDirectory() ? `${rel} is a folder, not a file` : `${rel} is not a regular file` };
  }
  if (kind === 'folder' && !stat.isDirectory()) return { ok: false, problem: 'not-a-folder', reason: `${rel} is not a folder` };
  return { ok: true, path: real };
}

/** True when `absPath`, spelled as it is, lies under `root` (no link is followed). */
export function spelledInside(root: string, absPath: string): boolean {
  return isWithin(path.relative(path.resolve(root), path.resolve(absPath)));
}

function isWithin(relative: string): boolean {
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

function readlinkSafe(link: string): string {
  try {
    return readlinkSync(link);
  } catch {
    return '?';
  }
}
